package io.corridor.tracking.shipments;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Movement Reference Number (EU/CTC transit and export): 2 digits of year, 2-letter country,
 * 13 alphanumerics and a check character computed as in ISO 6346 over the first 17 characters.
 */
public final class Mrn {

  private static final Pattern SHAPE = Pattern.compile("[0-9]{2}[A-Z]{2}[A-Z0-9]{13}[0-9]");

  private Mrn() {}

  /**
   * Upper-cases and checks {@code mrn}.
   *
   * @return the normalised MRN
   * @throws IllegalArgumentException with a reason a declarant can act on
   */
  public static String validate(String mrn) {
    if (mrn == null || mrn.isBlank()) {
      throw new IllegalArgumentException("is required");
    }
    String value = mrn.strip().toUpperCase(Locale.ROOT);
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("must be 18 characters: 2 digits of year, 2-letter country, 13 letters or digits, 1 check digit");
    }
    char expected = checkCharacter(value.substring(0, 17));
    if (value.charAt(17) != expected) {
      throw new IllegalArgumentException("check character is " + value.charAt(17) + ", expected " + expected);
    }
    return value;
  }

  /** {@code first17} completed with its check character. */
  public static String withCheck(String first17) {
    return first17 + checkCharacter(first17);
  }

  /** The check character of the first 17 characters of an MRN. */
  public static char checkCharacter(String first17) {
    long sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (long) value(first17.charAt(i)) << i;
    }
    return (char) ('0' + (int) (sum % 11 % 10));
  }

  /** ISO 6346 character value: digits as such, letters from A=10 skipping multiples of 11. */
  static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c < 'A' || c > 'Z') {
      throw new IllegalArgumentException("not a letter or digit: " + c);
    }
    int v = 10;
    for (char letter = 'A'; letter < c; letter++) {
      v++;
      if (v % 11 == 0) {
        v++;
      }
    }
    return v;
  }
}
