package io.corridor.anpr.builtin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Lets the strip reader change one character the cut read, as {@link StripEdits#of} lets it add one.
 * A found plate is often misread at a single piece the character network is unsure of (a U read
 * as 4 or 0, glued strokes) while the strip, which reads the row whole, has that character; the
 * re-rank cannot mend it when no cut reading has the strip's character there (the cut's readings
 * carry only its few best characters per piece). So where the strip's best text over the row is
 * no reading of the cut but one of the cut's best readings with one character changed, that text
 * joins the readings: the cut vouches for the rest, the strip for the one it changes.
 *
 * <p>It is ranked as an added character is: the geometric mean of the cut's score of its reading
 * (with that reading's format factor exchanged for the changed text's) and the strip's
 * per-character probability of the changed text, times {@value StripEdits#UNREAD} for the
 * character the cut did not read. Against the cut's own reading, re-ranked by the same mean
 * without the charge, it wins only where the strip prefers it by more than 1/{@value
 * StripEdits#UNREAD}² (about 2.8) times in per-character probability, format factors aside: a sure
 * strip over an unsure piece, not a look-alike the two readers split on.
 * Its confidence stays the cut's; its evidence (what the store filter judges) is the same mean on
 * the lesser of the two texts' format priors, with the same charge ({@link EditEvidence}). O and 0
 * are not changed into each other: the formats choose between them.
 */
final class StripSwaps {

  private StripSwaps() {}

  /**
   * The changed readings, best first (often none).
   *
   * @param ranked the row's readings, re-ranked by the strip, best first
   * @param stripText the strip's best text over the row ({@link StripEdits#bestText})
   * @param strip the strip's per-character probability of a text ({@code StripReader.perCharacter})
   * @param pieces the row's pieces; the texts must be no longer (the strip judges only those)
   * @param readText the readings of a text at per-character probability 1 ({@link StripTexts}):
   *     their scores are its format factors
   */
  static List<BandReader.Reading> of(List<BandReader.Reading> ranked, String stripText, ToDoubleFunction<String> strip, int pieces,
      Function<String, List<BandReader.Reading>> readText) {
    List<BandReader.Reading> out = new ArrayList<>();
    // Where a cut reading has the strip's text already, the re-rank has judged it on both readers'
    // evidence for every character; a changed copy would only rest on less.
    if (stripText.length() < BandReader.MIN_GLYPHS || stripText.length() > pieces
        || ranked.stream().anyMatch(r -> r.text().equals(stripText))) {
      return out;
    }
    Set<String> tried = new HashSet<>();
    double p = -1;
    for (BandReader.Reading r : ranked) {
      if (tried.size() == StripEdits.READINGS) break;
      String t = r.text();
      if (!tried.add(t) || r.score() <= 0 || changedAt(t, stripText) < 0) continue;
      if (p < 0) p = strip.applyAsDouble(stripText);
      double ownFactor = factorOf(readText.apply(t), t);
      if (ownFactor <= 0 || p <= strip.applyAsDouble(t)) continue;
      double cut = r.confidence() / ownFactor; // the cut's evidence for its characters, without its format prior
      for (BandReader.Reading f : readText.apply(stripText)) {
        // a format's respelling of the changed text is judged by the strip's probability of its own text
        double pf = f.text().equals(stripText) ? p : strip.applyAsDouble(f.text());
        out.add(new BandReader.Reading(f.text(), Math.sqrt(cut * f.score() * pf) * StripEdits.UNREAD, f.format(), false,
            r.confidence(), Math.sqrt(cut * EditEvidence.formatPrior(r, f) * pf) * StripEdits.UNREAD));
      }
    }
    out.sort(Comparator.comparingDouble(BandReader.Reading::score).reversed());
    return out;
  }

  /**
   * Adds to {@code readings} the changed readings whose text none of them has: a text another
   * reader reached (a joined row, the other cut) keeps that reader's evidence for every
   * character, rather than a changed copy charged for one.
   */
  static void addNew(List<BandReader.Reading> readings, List<BandReader.Reading> changed) {
    Set<String> texts = new HashSet<>();
    readings.forEach(r -> texts.add(r.text()));
    for (BandReader.Reading r : changed) {
      if (!texts.contains(r.text())) readings.add(r);
    }
  }

  /**
   * Where {@code other} is {@code text} with exactly one character changed, or -1 (also where the
   * change is only O for 0 or back, which the formats decide).
   */
  static int changedAt(String text, String other) {
    if (text.length() != other.length()) return -1;
    int at = -1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != other.charAt(i)) {
        if (at >= 0) return -1;
        at = i;
      }
    }
    if (at < 0) return -1;
    char a = text.charAt(at), b = other.charAt(at);
    return (a == 'O' || a == '0') && (b == 'O' || b == '0') ? -1 : at;
  }

  /** The score {@code readText} gives {@code text} itself (not a respelling): its format factor. */
  private static double factorOf(List<BandReader.Reading> readings, String text) {
    double best = 0;
    for (BandReader.Reading r : readings) {
      if (r.text().equals(text)) best = Math.max(best, r.score());
    }
    return best;
  }
}
