package io.corridor.anpr.builtin;

import io.corridor.anpr.PlateCandidate;
import java.util.ArrayList;
import java.util.List;

/**
 * Charges a plate's stored confidence for how nearly another reading of it is as sure. A misread
 * of the plate itself (a D for a 0, a character lost at an end) is read by the cut and the strip
 * alike, so both readers' agreement lifts it as high as a right read; what sets it apart is that
 * the row's next reading of another text is nearly as sure. The first candidate's confidence is
 * multiplied by {@code 1 - }{@value #CHARGE}{@code  * r²}, where {@code r} is the confidence of the
 * best candidate whose text differs from the first's (O and 0 as one: only the position tells
 * them apart) over the first's, at most 1. The other candidates keep theirs. See
 * docs/benchmarks.md, "The runner-up's charge".
 */
final class RunnerUpCharge {

  /** The most a near tie takes off the first candidate's confidence. */
  static final double CHARGE = 0.1;

  private RunnerUpCharge() {}

  /** The candidates, best first, with the first's confidence charged. */
  static List<PlateCandidate> of(List<PlateCandidate> candidates) {
    if (candidates.isEmpty()) return candidates;
    PlateCandidate first = candidates.getFirst();
    if (first.confidence() <= 0) return candidates;
    String pooled = pooled(first.text());
    double next = 0;
    for (PlateCandidate c : candidates.subList(1, candidates.size())) {
      if (!pooled(c.text()).equals(pooled)) next = Math.max(next, c.confidence());
    }
    double r = Math.min(1.0, next / first.confidence());
    List<PlateCandidate> out = new ArrayList<>(candidates);
    out.set(0, new PlateCandidate(first.text(), first.confidence() * (1 - CHARGE * r * r), first.matchesFormat()));
    return List.copyOf(out);
  }

  private static String pooled(String text) {
    return text.replace('O', '0');
  }
}
