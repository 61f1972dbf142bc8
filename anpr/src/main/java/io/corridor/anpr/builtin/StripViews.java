package io.corridor.anpr.builtin;

import io.corridor.anpr.strip.CtcDecoder;
import io.corridor.anpr.strip.StripReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Lets the strip reader read a row whole where two views of it agree that the cut's best reading
 * is wrong. The strip reads the row as found ({@link BandStrip}, a little beyond its first and
 * last pieces) and widened by a character pitch at each end ({@link StripEnds#row}); each view
 * alone misreads where the other does not: the narrow one loses an end character the cut dropped,
 * the wide one reads a frame's edge or a symbol into the plate. A text both views find probable is
 * seldom either mistake. So the texts each view's beam ranks first ({@value #TEXTS} per view) are
 * scored by the geometric mean of the two views' per-character probabilities, and the best of them
 * takes the row over when it is at least {@value #SURE} and exceeds the same mean of the cut's best
 * reading by at least {@value #MARGIN}: a clear preference of the whole strip, not a look-alike the
 * readers split on (docs/benchmarks.md, "Two views of a row").
 *
 * <p>Its rank is set just above the cut's best reading (with the formats' choice between O and 0,
 * in the order of their format factors; no other respelling: both views read those characters).
 * Its confidence, which ranks the image's plates and decides the passes, stays the cut's best
 * reading's, and so does its place in the row; the row verifier judges the row by that reading too
 * (a strip text changes what is read, not whether the row is a plate's). Its evidence, which the
 * store filter judges, is the two views' mean on the lesser of the two texts' format priors ({@link
 * EditEvidence}), charged {@value StripEdits#UNREAD} as a character the cut did not read: the two
 * views are one network's, not two readers.
 */
final class StripViews {

  /** The two views' mean per-character probability the strip's text must reach. */
  static final double SURE = 0.5;
  /** By how much that mean must exceed the same mean of the cut's best reading. */
  static final double MARGIN = 0.4;
  /** Texts taken from each view's beam. */
  static final int TEXTS = 4;

  private StripViews() {}

  /**
   * The readings of the strip's text, to rank first, or none.
   *
   * @param ranked the row's readings, best first (not empty)
   * @param texts the texts of both views' beams ({@value #TEXTS} each), in any order
   * @param row the strip's per-character probability of a text over the row as found ({@link
   *     BandStrip}; {@code StripReader.perCharacter})
   * @param wide the same over the row widened by a pitch ({@link StripEnds#row})
   * @param readText the readings of a text at per-character probability 1 ({@link StripTexts}):
   *     their scores are its format factors
   */
  static List<BandReader.Reading> of(List<BandReader.Reading> ranked, Collection<String> texts, ToDoubleFunction<String> row,
      ToDoubleFunction<String> wide, Function<String, List<BandReader.Reading>> readText) {
    List<BandReader.Reading> out = new ArrayList<>();
    BandReader.Reading top = ranked.getFirst();
    String best = null;
    double bestP = 0;
    for (String t : texts) {
      if (t.length() < BandReader.MIN_GLYPHS) continue;
      double p = both(row, wide, t);
      if (p > bestP) {
        bestP = p;
        best = t;
      }
    }
    if (best == null || best.equals(top.text()) || bestP < SURE || bestP - both(row, wide, top.text()) < MARGIN) {
      return out;
    }
    String read = best;
    List<BandReader.Reading> fits = new ArrayList<>(readText.apply(best).stream().filter(f -> sameButNought(f.text(), read)).toList());
    fits.sort(Comparator.comparingDouble(BandReader.Reading::score).reversed());
    if (fits.isEmpty() || fits.getFirst().score() <= 0) return out;
    double first = fits.getFirst().score();
    for (BandReader.Reading f : fits) {
      double p = f.text().equals(best) ? bestP : both(row, wide, f.text());
      // Just above the cut's best: a hair's breadth, scaled by the respelling's format factor.
      double rank = Math.nextUp(top.score()) * f.score() / first;
      out.add(new BandReader.Reading(f.text(), rank, f.format(), false, top.confidence(),
          p * EditEvidence.formatPrior(top, f) * StripEdits.UNREAD, top.span()));
    }
    return out;
  }

  /** The texts both views' beams rank first, {@value #TEXTS} each, the row's first. */
  static Set<String> texts(StripReader reader, float[][] row, float[][] wide) {
    Set<String> texts = new LinkedHashSet<>();
    for (CtcDecoder.Text t : reader.texts(row, TEXTS)) texts.add(t.text());
    for (CtcDecoder.Text t : reader.texts(wide, TEXTS)) texts.add(t.text());
    return texts;
  }

  /**
   * Whether two texts differ at most where one has O and the other 0: a format's respelling the
   * strip's text may take (the formats choose between O and 0), unlike one that changes a
   * character both views read.
   */
  static boolean sameButNought(String a, String b) {
    if (a.length() != b.length()) return false;
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i), y = b.charAt(i);
      if (x != y && !((x == 'O' || x == '0') && (y == 'O' || y == '0'))) return false;
    }
    return true;
  }

  /** The geometric mean of the two views' per-character probabilities of {@code text}. */
  static double both(ToDoubleFunction<String> row, ToDoubleFunction<String> wide, String text) {
    return Math.sqrt(row.applyAsDouble(text) * wide.applyAsDouble(text));
  }
}
