package io.corridor.tracking.positions;

/**
 * Parses the plain decimals trackers send ({@code 41.323100}, {@code -19.5}, {@code 90}) without
 * {@link Double#parseDouble}'s general machinery, to the same double. Up to 15 significant digits
 * fit a {@code long} exactly and below 2^53, and 10^k up to k = 22 is exact as a double, so one
 * IEEE division gives the correctly rounded value, as {@code parseDouble} does (Clinger's fast
 * path). Anything else (more digits, exponents, whitespace, signs other than one leading minus or
 * plus, text) goes to {@code parseDouble}, with its result or its {@link NumberFormatException}.
 */
public final class Decimals {

  private static final int MAX_DIGITS = 15;
  private static final double[] TEN = new double[MAX_DIGITS + 1];

  static {
    double p = 1;
    for (int i = 0; i < TEN.length; i++) {
      TEN[i] = p;
      p *= 10;
    }
  }

  private Decimals() {}

  /** The double {@code s} stands for, exactly as {@link Double#parseDouble} reads it. */
  public static double parse(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1; // digits after the dot; -1 before a dot
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > MAX_DIGITS) {
          return Double.parseDouble(s);
        }
        mantissa = mantissa * 10 + (c - '0');
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return Double.parseDouble(s);
      }
    }
    if (digits == 0) {
      return Double.parseDouble(s); // "", "-", ".": its NumberFormatException
    }
    double value = fraction > 0 ? mantissa / TEN[fraction] : mantissa;
    return negative ? -value : value;
  }
}
