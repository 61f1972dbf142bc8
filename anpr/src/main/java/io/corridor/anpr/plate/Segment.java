package io.corridor.anpr.plate;

import java.util.Objects;
import java.util.Set;

/**
 * A run of plate characters drawn from one alphabet, e.g. "3 or 4 digits" or "a municipality
 * code from this list". Plate formats are sequences of segments.
 *
 * @param alphabet the characters allowed at every position of the run
 * @param minLength fewest characters
 * @param maxLength most characters
 * @param values when not empty, the only strings the whole run may spell (region codes)
 */
public record Segment(String alphabet, int minLength, int maxLength, Set<String> values) {

  /** Letters on plates of the region: A-Z plus the Serbian Latin letters Č Ć Đ Š Ž, which Serbian
   *  and Montenegrin region codes use and {@code io.corridor.ingest.PlateText} accepts. */
  public static final String LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZČĆĐŠŽ";
  /** Decimal digits. */
  public static final String DIGITS = "0123456789";

  /** Checks lengths and that every value is spelled from the alphabet. */
  public Segment {
    Objects.requireNonNull(alphabet, "alphabet");
    values = Set.copyOf(values);
    if (minLength < 0 || maxLength < minLength) {
      throw new IllegalArgumentException("bad segment length " + minLength + ".." + maxLength);
    }
    for (String v : values) {
      if (v.length() < minLength || v.length() > maxLength || !v.chars().allMatch(c -> alphabet.indexOf(c) >= 0)) {
        throw new IllegalArgumentException("value '" + v + "' does not fit the segment");
      }
    }
  }

  /** Exactly {@code n} letters. */
  public static Segment letters(int n) {
    return new Segment(LATIN, n, n, Set.of());
  }

  /** {@code min} to {@code max} letters. */
  public static Segment letters(int min, int max) {
    return new Segment(LATIN, min, max, Set.of());
  }

  /** Exactly {@code n} digits. */
  public static Segment digits(int n) {
    return new Segment(DIGITS, n, n, Set.of());
  }

  /** {@code min} to {@code max} digits. */
  public static Segment digits(int min, int max) {
    return new Segment(DIGITS, min, max, Set.of());
  }

  /** Exactly {@code n} characters from {@code alphabet}. */
  public static Segment of(String alphabet, int n) {
    return new Segment(alphabet, n, n, Set.of());
  }

  /** One of the given codes, all of the same kind (letters or digits). */
  public static Segment oneOf(String alphabet, String... codes) {
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (String code : codes) {
      min = Math.min(min, code.length());
      max = Math.max(max, code.length());
    }
    return new Segment(alphabet, min, max, Set.of(codes));
  }

  /** Whether {@code c} may appear in this segment. */
  public boolean allows(char c) {
    return alphabet.indexOf(c) >= 0;
  }
}
