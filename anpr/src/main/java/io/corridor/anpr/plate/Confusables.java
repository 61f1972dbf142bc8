package io.corridor.anpr.plate;

/**
 * Character pairs OCR engines confuse on plate fonts (FE-Schrift, DIN 1451): a letter that reads
 * as a digit and back. Deliberately short: every pair added lets more wrong texts "match" a format.
 */
public final class Confusables {

  private static final String LETTERS = "OIBSZGA";
  private static final String DIGITS = "0185264";

  private Confusables() {}

  /** The character {@code c} is confused with, or 0 when it has none. */
  public static char swap(char c) {
    int i = LETTERS.indexOf(c);
    if (i >= 0) {
      return DIGITS.charAt(i);
    }
    int j = DIGITS.indexOf(c);
    return j >= 0 ? LETTERS.charAt(j) : 0;
  }
}
