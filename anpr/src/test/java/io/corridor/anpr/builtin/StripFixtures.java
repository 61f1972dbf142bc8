package io.corridor.anpr.builtin;

import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.strip.StripReader;
import java.util.Arrays;

/** Strip columns and cut readings made up for the strip edit tests. */
final class StripFixtures {

  private StripFixtures() {}

  /** Strip columns whose best path is {@code text}: each character sure in its column, blanks between. */
  static float[][] columnsReading(String text) {
    float[][] columns = new float[24][];
    int blank = StripReader.CLASSES - 1;
    for (int t = 0; t < columns.length; t++) {
      columns[t] = new float[StripReader.CLASSES];
      Arrays.fill(columns[t], (float) Math.log(0.1 / (StripReader.CLASSES - 1)));
      int k = t % 2 == 1 && t / 2 < text.length() ? GlyphAlphabet.CHARACTERS.indexOf(text.charAt(t / 2)) : blank;
      columns[t][k] = (float) Math.log(0.9);
    }
    return columns;
  }

  /** A reading of the cut with {@code score} as every one of its scores. */
  static BandReader.Reading cut(String text, double score) {
    return new BandReader.Reading(text, score, null, false, score, score);
  }
}
