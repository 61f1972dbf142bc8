package io.corridor.rules;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The forms of a plate an OCR slip produces: characters recognisers confuse (O/0, I/1, B/8, S/5,
 * Z/2) are folded onto one ({@link #fold}), and one character missing or extra is a deletion on one
 * side ({@link #deletions}). Matching folded forms and single deletions of them finds a hotlisted
 * plate read as {@code 0B123AB} for {@code OB123AB}, or {@code B123AB} for {@code B1234AB}, while
 * the hotlist itself holds only blind indexes of these forms, never the plate.
 */
public final class PlateVariants {

  private PlateVariants() {}

  /** {@code plate} with every confusable character replaced by its letter: 0→O, 1→I, 8→B, 5→S, 2→Z. */
  public static String fold(String plate) {
    char[] c = plate.toCharArray();
    for (int i = 0; i < c.length; i++) {
      c[i] = switch (c[i]) {
        case '0' -> 'O';
        case '1' -> 'I';
        case '8' -> 'B';
        case '5' -> 'S';
        case '2' -> 'Z';
        default -> c[i];
      };
    }
    return new String(c);
  }

  /** Every distinct form of {@code text} with one character left out. */
  public static Set<String> deletions(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text.length() < 3) {
      return out; // a two-character plate less one character matches far too much
    }
    for (int i = 0; i < text.length(); i++) {
      out.add(text.substring(0, i) + text.substring(i + 1));
    }
    return out;
  }
}
