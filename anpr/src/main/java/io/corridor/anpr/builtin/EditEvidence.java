package io.corridor.anpr.builtin;

/**
 * The format prior that the evidence of a text lengthened by {@link StripEdits} may carry. A
 * format fitted only once the strip's added character is in is no evidence that the cut read a
 * plate: the store filter keeps a text that fits a country's format from a lower confidence, and
 * a character added in front of a short reading ({@code 65AAS} to {@code B65AAS}) makes many
 * texts fit one. So the lengthened text's evidence carries the lesser of its own format prior and
 * that of the cut's text it lengthens; its rank keeps its own (ranking is unchanged). Neither
 * carries what only ranks: a country hint's bonus, the open shape's lift (an unformatted text's
 * prior is {@link BandReader#UNFORMATTED_FACTOR}).
 */
final class EditEvidence {

  private EditEvidence() {}

  /**
   * @param cut the cut's reading that was lengthened
   * @param longer the lengthened text as read against the formats ({@link StripTexts}: its score is its format factor)
   */
  static double formatPrior(BandReader.Reading cut, BandReader.Reading longer) {
    double own = longer.format() == null ? BandReader.UNFORMATTED_FACTOR
        : BandReader.hinted(longer.format()) ? BandReader.regionPrior(longer.text()) : Math.min(1.0, longer.evidence());
    return Math.min(own, prior(cut));
  }

  /**
   * A reading's format prior as evidence: a country's format 1, the generic shape's, none's; a
   * hinted-only format's is what the region's formats give its text ({@link BandReader#regionPrior}).
   */
  static double prior(BandReader.Reading r) {
    if (r.format() != null && BandReader.hinted(r.format())) return BandReader.regionPrior(r.text());
    if (r.format() == null) return BandReader.UNFORMATTED_FACTOR;
    return r.format().generic() ? BandReader.GENERIC_FACTOR : 1.0;
  }
}
