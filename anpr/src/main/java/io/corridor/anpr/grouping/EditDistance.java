package io.corridor.anpr.grouping;

import io.corridor.anpr.plate.Confusables;

/** How far apart two readings of a plate are: whether they may be one plate seen in two frames. */
final class EditDistance {

  private EditDistance() {}

  /** Linear-time check for Levenshtein distance &lt;= 1; no full distance matrix needed. */
  static boolean atMostOne(String a, String b) {
    if (a.length() > b.length()) {
      return atMostOne(b, a);
    }
    if (b.length() - a.length() > 1) {
      return false;
    }
    int i = 0;
    while (i < a.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (i == a.length()) {
      return true; // equal, or b has one extra character at the end
    }
    // First difference at i: skip one character in b (insertion) or in both (substitution).
    return a.length() == b.length()
        ? a.regionMatches(i + 1, b, i + 1, a.length() - i - 1)
        : a.regionMatches(i, b, i + 1, a.length() - i);
  }

  /**
   * Whether two readings may be the same plate: at most one edit apart, or of equal length and two
   * substitutions apart where at least one is a letter/digit pair OCR confuses (B/8, O/0, ...).
   * Two frames that each misread a different character are two substitutions apart; two real
   * plates in one camera's view within seconds that differ only so are rare.
   */
  static boolean sameVehicle(String a, String b) {
    if (atMostOne(a, b)) {
      return true;
    }
    if (a.length() != b.length()) {
      return false;
    }
    int differences = 0;
    boolean confusable = false;
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        differences++;
        confusable |= Confusables.swap(x) == y;
      }
    }
    return differences == 2 && confusable;
  }
}
