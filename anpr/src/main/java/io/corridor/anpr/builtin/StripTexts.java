package io.corridor.anpr.builtin;

import io.corridor.anpr.plate.FormatMatch;
import io.corridor.anpr.plate.PlateFormat;
import io.corridor.anpr.strip.CtcDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores the strip reader's texts the way {@link BandReader} scores the cut's: the per-character
 * probability (the text's probability to the power of one over its length), times the fit to a
 * plate format (a confusable swapped to fit costs {@value #SWAP}, the generic EU shape and no
 * format their priors), times the hinted country's bonus.
 */
final class StripTexts {

  static final double SWAP = 0.85;

  private StripTexts() {}

  static List<BandReader.Reading> readings(List<CtcDecoder.Text> texts, List<PlateFormat> formats, String countryHint, boolean openShape) {
    List<BandReader.Reading> out = new ArrayList<>();
    for (CtcDecoder.Text t : texts) {
      int len = t.text().length();
      if (len < BandReader.MIN_GLYPHS) {
        continue;
      }
      double perChar = Math.exp(t.logP() / len);
      for (PlateFormat f : formats) {
        FormatMatch m = f.correct(t.text()).orElse(null);
        if (m == null) {
          continue;
        }
        double prior = f.generic() ? BandReader.GENERIC_FACTOR : 1;
        if (countryHint != null && countryHint.equals(f.country())) {
          prior *= BandReader.HINT_FACTOR;
        }
        out.add(new BandReader.Reading(m.text(), perChar * Math.pow(SWAP, m.substitutions()) * prior, f, false));
      }
      boolean open = openShape && len >= BandReader.OPEN_SHAPE_MIN && len <= BandReader.OPEN_SHAPE_MAX;
      out.add(new BandReader.Reading(t.text(), perChar * (open ? 1 : BandReader.UNFORMATTED_FACTOR), null, false));
    }
    return out;
  }
}
