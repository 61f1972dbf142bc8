package io.corridor.anpr.strip;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a strip's per-column class log-probabilities into texts: the best path (each column's
 * most probable class, repeats merged, blanks dropped) and a prefix beam search that sums the
 * probability of every alignment of a text, giving the few most probable texts with their
 * probabilities for the plate formats to rank.
 */
public final class CtcDecoder {

  /** A decoded text and the log of its probability (summed over its alignments in the beam). */
  public record Text(String text, double logP) {}

  private final String alphabet;
  private final int blank;

  /** @param alphabet the character of each class before {@code blank}; class {@code alphabet.length()} is the blank */
  public CtcDecoder(String alphabet) {
    this.alphabet = alphabet;
    this.blank = alphabet.length();
  }

  /** The best path's text. */
  public String bestPath(double[][] logP) {
    StringBuilder out = new StringBuilder();
    int previous = blank;
    for (double[] column : logP) {
      int best = 0;
      for (int c = 1; c < column.length; c++) if (column[c] > column[best]) best = c;
      if (best != blank && best != previous) out.append(alphabet.charAt(best));
      previous = best;
    }
    return out.toString();
  }

  /**
   * Prefix beam search.
   *
   * @param width prefixes kept after each column
   * @param topK texts returned, most probable first
   * @param minLogP classes below this log-probability in a column are not tried (speed)
   */
  public List<Text> beam(double[][] logP, int width, int topK, double minLogP) {
    double ninf = Double.NEGATIVE_INFINITY;
    Map<String, Score> beam = new HashMap<>();
    beam.put("", new Score(0, ninf));
    for (double[] column : logP) {
      Map<String, Score> next = new HashMap<>();
      for (Map.Entry<String, Score> e : beam.entrySet()) {
        String prefix = e.getKey();
        Score sc = e.getValue();
        // A blank keeps the prefix.
        score(next, prefix).addBlank(sc.total() + column[blank]);
        int lastChar = prefix.isEmpty() ? -1 : alphabet.indexOf(prefix.charAt(prefix.length() - 1));
        for (int c = 0; c < blank; c++) {
          if (column[c] < minLogP) continue;
          if (c == lastChar) {
            // The same character again: merges with the prefix unless a blank came between.
            score(next, prefix).addLast(sc.last + column[c]);
            score(next, prefix + alphabet.charAt(c)).addLast(sc.blank + column[c]);
          } else {
            score(next, prefix + alphabet.charAt(c)).addLast(sc.total() + column[c]);
          }
        }
      }
      List<Map.Entry<String, Score>> ranked = new ArrayList<>(next.entrySet());
      // Ties broken by text, so the beam is the same on every run.
      ranked.sort(Comparator.<Map.Entry<String, Score>>comparingDouble(x -> -x.getValue().total()).thenComparing(Map.Entry::getKey));
      beam = new HashMap<>();
      for (Map.Entry<String, Score> x : ranked.subList(0, Math.min(width, ranked.size()))) beam.put(x.getKey(), x.getValue());
    }
    List<Text> out = new ArrayList<>();
    beam.forEach((text, sc) -> out.add(new Text(text, sc.total())));
    out.sort(Comparator.comparingDouble((Text x) -> -x.logP()).thenComparing(Text::text));
    return List.copyOf(out.subList(0, Math.min(topK, out.size())));
  }

  private static Score score(Map<String, Score> next, String prefix) {
    return next.computeIfAbsent(prefix, k -> new Score(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
  }

  /** A prefix's log-probability over alignments ending in a blank, and ending in its last character. */
  private static final class Score {
    double blank;
    double last;

    Score(double blank, double last) {
      this.blank = blank;
      this.last = last;
    }

    void addBlank(double v) {
      blank = Ctc.logAdd(blank, v);
    }

    void addLast(double v) {
      last = Ctc.logAdd(last, v);
    }

    double total() {
      return Ctc.logAdd(blank, last);
    }
  }
}
