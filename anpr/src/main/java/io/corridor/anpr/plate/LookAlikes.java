package io.corridor.anpr.plate;

/**
 * Characters plate fonts draw alike, which only a format's position tells apart: O and 0, I and 1,
 * B and 8, S and 5, Z and 2, G and 6, D and 0, Q and 0. A reading that differs from a format's
 * text only in such pairs is the same picture spelled two ways.
 */
public final class LookAlikes {

  /** Each pair once, letter first. */
  private static final String[] PAIRS = {"O0", "I1", "B8", "S5", "Z2", "G6", "D0", "Q0"};

  private LookAlikes() {}

  /** Whether {@code a} and {@code b} are one of the {@link #PAIRS} (either order). */
  public static boolean alike(char a, char b) {
    for (String pair : PAIRS) {
      if (a == pair.charAt(0) && b == pair.charAt(1) || a == pair.charAt(1) && b == pair.charAt(0)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code to} is {@code from} with one or more characters swapped for their look-alikes
   * and nothing else changed.
   */
  public static boolean respells(String from, String to) {
    if (from.length() != to.length() || from.equals(to)) {
      return false;
    }
    for (int i = 0; i < from.length(); i++) {
      char a = from.charAt(i), b = to.charAt(i);
      if (a != b && !alike(a, b)) {
        return false;
      }
    }
    return true;
  }
}
