package io.corridor.anpr.grouping;

/** Whether two plate texts differ by at most one edit (insert, delete or substitute). */
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
}
