package io.corridor.anpr.builtin;

import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.strip.CtcDecoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Lets the strip reader add a character the cut dropped. Most wrong readings of a found plate are
 * a character short (glued to a neighbour, lost to a frame or a bolt, beyond the row's end), and
 * re-ranking the cut's texts cannot mend them; the strip's own texts, free to differ anywhere,
 * were sure more often than right. So the strip may add one character only, where its own best
 * text is one of the cut's best readings with that character inserted: the cut vouches for the
 * rest, the strip for the one it adds.
 *
 * <p>The longer text {@code T'} of the cut's reading {@code T} is ranked by the geometric mean of
 * the cut's score of {@code T}, with {@code T}'s format factor exchanged for {@code T'}'s, and the
 * strip's per-character probability of {@code T'}, times {@value #UNREAD} for the character the
 * cut did not read (what the cut's reader charges for each glyph it trims). Against {@code T},
 * re-ranked by the same mean, it wins where the strip and the format fit prefer it clearly
 * enough. Its confidence stays the cut's of {@code T}; its evidence (what the store filter judges)
 * is the same mean on the lesser of {@code T'}'s and {@code T}'s format priors, without a hint's bonus
 * ({@link EditEvidence}), with the same charge. Tried where the strip judges texts: {@code T} no longer than the row's pieces.
 */
final class StripEdits {

  /** The cut's best distinct readings (as re-ranked) that the strip's best text is compared with. */
  static final int READINGS = 3;
  /** What a character the cut did not read costs, as each glyph the cut trims from a row ({@code BandReader}). */
  static final double UNREAD = 0.6;
  /** The added character must have at least this probability in some column of the strip. */
  private static final double INSERT_MIN_P = 0.05;
  private static final CtcDecoder DECODER = new CtcDecoder(GlyphAlphabet.CHARACTERS);

  private StripEdits() {}

  /**
   * The longer readings, best first (often none).
   *
   * @param ranked the row's readings, re-ranked by the strip, best first
   * @param columns the strip's per-column log-probabilities
   * @param strip the strip's per-character probability of a text ({@code StripReader.perCharacter})
   * @param pieces the row's pieces; the cut's text must be no longer
   * @param readText the readings of a text at per-character probability 1 as the strip's texts are
   *     scored ({@link StripTexts}): their scores are its format factors
   */
  static List<BandReader.Reading> of(List<BandReader.Reading> ranked, float[][] columns, ToDoubleFunction<String> strip, int pieces,
      Function<String, List<BandReader.Reading>> readText) {
    return of(ranked, columns, strip, pieces, readText, (text, longer) -> true, UNREAD);
  }

  /**
   * {@link #of}, adding a character only where {@code where} accepts the pair {@code (the cut's
   * text, the longer text)}; {@link StripEnds} takes a character added at an end only. {@code
   * rankCharge} is what the added character costs in the rank; its evidence is always charged
   * {@value #UNREAD}.
   */
  static List<BandReader.Reading> of(List<BandReader.Reading> ranked, float[][] columns, ToDoubleFunction<String> strip, int pieces,
      Function<String, List<BandReader.Reading>> readText, java.util.function.BiPredicate<String, String> where, double rankCharge) {
    String longer = bestText(columns);
    List<BandReader.Reading> out = new ArrayList<>();
    if (longer.length() < BandReader.MIN_GLYPHS || longer.length() > pieces + 1) {
      return out;
    }
    Set<String> tried = new HashSet<>();
    for (BandReader.Reading r : ranked) {
      if (tried.size() == READINGS) break;
      String t = r.text();
      if (!tried.add(t) || t.length() > pieces || r.score() <= 0) continue;
      int at = insertedAt(t, longer);
      if (at < 0 || !where.test(t, longer) || !seen(columns, longer.charAt(at))) continue;
      double p = strip.applyAsDouble(longer);
      double ownFactor = factorOf(readText.apply(t), t);
      if (ownFactor <= 0 || p <= strip.applyAsDouble(t)) continue;
      double cut = r.confidence() / ownFactor; // the cut's evidence for its characters, without its format prior
      for (BandReader.Reading f : readText.apply(longer)) {
        // its evidence, which the store filter judges, is the same mean on no better a format prior
        // than the cut's text had (EditEvidence), with the same charge for the unread character
        // a format's respelling of the longer text (an O read as 0) is judged by the strip's
        // probability of its own text: the strip read the longer text, not the respelling
        double pf = f.text().equals(longer) ? p : strip.applyAsDouble(f.text());
        out.add(new BandReader.Reading(f.text(), Math.sqrt(cut * f.score() * pf) * rankCharge, f.format(), false, r.confidence(),
            Math.sqrt(cut * EditEvidence.formatPrior(r, f) * pf) * UNREAD, r.span()));
      }
    }
    out.sort(Comparator.comparingDouble(BandReader.Reading::score).reversed());
    return out;
  }

  /**
   * The row's readings, each that is the strip's best text over the row less its first or last
   * character charged {@value #UNREAD} in the rank, where that best text is among the readings too.
   *
   * <p>The cut's reader trims an end piece it reads unsurely for {@code BandReader}'s trimming
   * charge, and a character the cut did not read is added ({@link #of}) for a charge of its own; the
   * shorter text then often outranks the longer one on the cut's surer characters alone, where the
   * strip, which reads the row whole, has the end character. Where it does, the shorter text pays
   * what the longer one paid for that character, so that the two compete on the cut's and the
   * strip's evidence for the rest. The rank only: the evidence the store filter judges, and the
   * confidence plates are ranked by, stay the reading's own.
   *
   * @param readings the row's readings (any order)
   * @param stripText the strip's best text over the row ({@link #bestText})
   */
  static List<BandReader.Reading> keepingEnds(List<BandReader.Reading> readings, String stripText) {
    return keepingEnds(readings, stripText, FrameEdges.NONE);
  }

  /** As {@link #keepingEnds(List, String)}, charging nothing for an end character a frame's side stands at. */
  static List<BandReader.Reading> keepingEnds(List<BandReader.Reading> readings, String stripText, FrameEdges sides) {
    boolean read = readings.stream().anyMatch(r -> r.text().equals(stripText));
    List<BandReader.Reading> out = new ArrayList<>(readings.size());
    for (BandReader.Reading r : readings) {
      boolean charged = read && StripEnds.atAnEnd(r.text(), stripText) && !sides.closes(r.text(), stripText);
      out.add(charged ? r.rescored(r.score() * UNREAD) : r);
    }
    return out;
  }

  /** The strip's best text over {@code columns} (its best path). */
  static String bestText(float[][] columns) {
    return DECODER.bestPath(logP(columns));
  }

  /** A text read at per-character probability 1, for {@code readText}. */
  static CtcDecoder.Text sure(String text) {
    return new CtcDecoder.Text(text, 0);
  }

  /** Where {@code longer} is {@code text} with one character inserted (the first such place), or -1. */
  static int insertedAt(String text, String longer) {
    if (longer.length() != text.length() + 1) return -1;
    int i = 0;
    while (i < text.length() && text.charAt(i) == longer.charAt(i)) i++;
    return longer.substring(i + 1).equals(text.substring(i)) ? i : -1;
  }

  /** The score {@code readText} gives {@code text} itself (not a respelling): its format factor. */
  private static double factorOf(List<BandReader.Reading> readings, String text) {
    double best = 0;
    for (BandReader.Reading r : readings) {
      if (r.text().equals(text)) best = Math.max(best, r.score());
    }
    return best;
  }

  /** Whether some column gives character {@code c} at least {@value #INSERT_MIN_P}. */
  private static boolean seen(float[][] columns, char c) {
    int k = GlyphAlphabet.CHARACTERS.indexOf(c);
    double min = Math.log(INSERT_MIN_P);
    for (float[] col : columns) {
      if (col[k] >= min) return true;
    }
    return false;
  }

  private static double[][] logP(float[][] columns) {
    double[][] out = new double[columns.length][];
    for (int t = 0; t < columns.length; t++) {
      out[t] = new double[columns[t].length];
      for (int c = 0; c < columns[t].length; c++) out[t][c] = columns[t][c];
    }
    return out;
  }
}
