package io.corridor.anpr.plate;

import java.util.List;

/**
 * Whether a reading is worth storing: what separates a plate from the text of signs, grilles and
 * stickers that a recognizer also reads. A reading is kept when it fits a country's format (not
 * only a generic or {@link PlateFormats#SHAPE_ONLY shape-only} one) and does not look like the
 * stripes of a grille, or when it is read at {@code minUnformattedConfidence} or more, so a plate
 * of a country without a known format still gets stored when it is read confidently. Below
 * {@code minConfidence} no reading is kept, whatever it fits: a format says a text could be a
 * plate, not that it was read right, and with 19 countries' formats a row of a sign or a
 * sticker read at low confidence often fits one (a Czech-shaped {@code 9A34911} at 0.25). Under a
 * country hint the rule is {@link #forCountry}'s.
 */
public final class PlausibleRead {

  /** Ingest's default {@code anpr.min-confidence}: see docs/benchmarks.md "Stored false reads". */
  public static final double DEFAULT_MIN_CONFIDENCE = 0.35;

  /** Why a reading is not kept, as counted in {@code corridor_reads_dropped_total{reason}}. */
  public enum Drop {
    /** Below {@code minConfidence}, whatever it fits. */
    LOW_CONFIDENCE("low_confidence"),
    /** Fits no country's format (or is stripes) and is below {@code minUnformattedConfidence}. */
    UNFORMATTED_LOW_CONFIDENCE("unformatted_low_confidence");

    private final String label;

    Drop(String label) {
      this.label = label;
    }

    /** The metric's reason label. */
    public String label() {
      return label;
    }
  }

  /** Characters a row of vertical bars (a grille, a fence, a barcode) is read as. */
  private static final String BARS = "I1LT";

  private final PlateFormats formats;
  private final double minUnformattedConfidence;
  private final double minConfidence;
  // The hinted country's formats that only its hint uses (PlateFormats#hintedOnly); empty: no hint.
  private final List<PlateFormat> hinted;

  /**
   * A rule with no floor: a reading that fits a country's format is kept at any confidence.
   *
   * @param minUnformattedConfidence 0..1; 0 keeps every reading
   */
  public PlausibleRead(PlateFormats formats, double minUnformattedConfidence) {
    this(formats, 0, minUnformattedConfidence);
  }

  /**
   * @param minConfidence 0..1: below it nothing is kept (0: no floor); at most {@code minUnformattedConfidence}
   * @param minUnformattedConfidence 0..1; 0 keeps every reading
   */
  public PlausibleRead(PlateFormats formats, double minConfidence, double minUnformattedConfidence) {
    if (!(minUnformattedConfidence >= 0 && minUnformattedConfidence <= 1)) {
      throw new IllegalArgumentException("minimum confidence must be within 0..1, got " + minUnformattedConfidence);
    }
    if (!(minConfidence >= 0 && minConfidence <= minUnformattedConfidence)) {
      throw new IllegalArgumentException("the confidence floor must be within 0.." + minUnformattedConfidence
          + " (the unformatted threshold), got " + minConfidence);
    }
    this.formats = formats;
    this.minConfidence = minConfidence;
    this.minUnformattedConfidence = minUnformattedConfidence;
    this.hinted = List.of();
  }

  private PlausibleRead(PlausibleRead rule, List<PlateFormat> hinted) {
    this.formats = rule.formats;
    this.minConfidence = rule.minConfidence;
    this.minUnformattedConfidence = rule.minUnformattedConfidence;
    this.hinted = hinted;
  }

  /**
   * This rule for a frame hinted to come from {@code country} (null: no hint). Where that country
   * has {@linkplain PlateFormats#hintedOnly hinted-only} formats (the United States), a text that
   * fits none of them and no country's format needs {@value #HINTED_STRICTER_BY} more than {@code
   * minUnformattedConfidence}: a camera there sees its own country's plates, and a text in none of
   * their shapes is more often a sign, a slogan or a misread. A text that fits one needs what any
   * unformatted one does: the shapes carry no region code and a plate misread by one character
   * fits them as well, so they are no evidence (held-out: docs/benchmarks.md, "US plate formats and
   * the country hint").
   * For other countries, and with no unformatted threshold (0: keep all), the rule is this one.
   */
  public PlausibleRead forCountry(String country) {
    List<PlateFormat> more = PlateFormats.hintedOnly(country);
    return more.isEmpty() || minUnformattedConfidence == 0 ? this : new PlausibleRead(this, more);
  }

  /** How much more a text in none of the hinted country's formats needs ({@link #forCountry}). */
  public static final double HINTED_STRICTER_BY = 0.05;

  /**
   * @param text normalised reading
   * @param engineMatchedFormat whether the engine itself matched the text to a plate format of a
   *     country (an OpenALPR region template); the generic EU shape does not count
   */
  public boolean keep(String text, double confidence, boolean engineMatchedFormat) {
    return drop(text, confidence, engineMatchedFormat) == null;
  }

  /** Why the reading is not kept, or null when it is ({@link #keep}). */
  public Drop drop(String text, double confidence, boolean engineMatchedFormat) {
    if (hinted.isEmpty() && confidence >= minUnformattedConfidence) {
      return null;
    }
    if (confidence < minConfidence) {
      return Drop.LOW_CONFIDENCE;
    }
    boolean formatted = (engineMatchedFormat || formats.fitsCountryFormat(text)) && !stripes(text);
    if (formatted) {
      return null;
    }
    double needed = hinted.isEmpty() || fitsHinted(text) ? minUnformattedConfidence
        : Math.min(1.0, minUnformattedConfidence + HINTED_STRICTER_BY);
    return confidence >= needed ? null : Drop.UNFORMATTED_LOW_CONFIDENCE;
  }

  private boolean fitsHinted(String text) {
    for (PlateFormat format : hinted) {
      if (format.matches(text)) {
        return true;
      }
    }
    return false;
  }

  /** Three or more bar-like characters in a row: "IIII8", "T1IT". No plate series prints that. */
  static boolean stripes(String text) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = BARS.indexOf(text.charAt(i)) >= 0 ? run + 1 : 0;
      if (run >= 3) {
        return true;
      }
    }
    return false;
  }

  /** The confidence below which no reading is kept. */
  public double minConfidence() {
    return minConfidence;
  }

  /** The confidence from which any reading is kept. */
  public double minUnformattedConfidence() {
    return minUnformattedConfidence;
  }
}
