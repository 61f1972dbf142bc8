package io.corridor.anpr.grouping;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.plate.PlateFormats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text a vehicle's frames agree on. Each frame's best reading votes with its confidence as
 * weight; readings that fit a plate format vote alone when there are any (a format match beats a
 * reading that fits none, as for a single frame).
 *
 * <ul>
 *   <li><b>Character level</b>: when two or more voters share the length that carries the most
 *       weight, each position takes the character with the most weight among them. Frames that
 *       each misread a different character give the right plate although none read it.
 *   <li><b>Sequence level</b> otherwise (readings of different lengths, one per length): the text
 *       with the most summed weight; ties go to the single most confident reading.
 * </ul>
 *
 * <p>Confidence: a text some frame read keeps the highest confidence a frame gave it; a text no
 * frame read (assembled by position) gets the mean, over positions, of the winning weight divided
 * by the number of voters, so disagreement lowers it. Plain and stateless.
 */
public final class PlateVote {

  private PlateVote() {}

  /**
   * Votes over one reading per frame (never empty).
   *
   * @return the voted text first, then the other texts read, by summed weight
   */
  public static List<PlateCandidate> vote(List<PlateCandidate> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("a vote needs at least one reading");
    }
    List<PlateCandidate> voters = readings.stream().filter(PlateCandidate::matchesFormat).toList();
    if (voters.isEmpty()) {
      voters = readings;
    }
    Map<String, Double> weightByText = new LinkedHashMap<>();
    Map<String, PlateCandidate> strongest = new HashMap<>();
    for (PlateCandidate r : readings) {
      weightByText.merge(r.text(), r.confidence(), Double::sum);
      strongest.merge(r.text(), r, (a, b) -> b.confidence() > a.confidence() ? b : a);
    }
    PlateCandidate winner = byPosition(voters);
    if (winner == null) {
      winner = bySequence(voters);
    }
    List<PlateCandidate> out = new ArrayList<>();
    out.add(winner);
    String won = winner.text();
    weightByText.entrySet().stream()
        .filter(e -> !e.getKey().equals(won))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> out.add(strongest.get(e.getKey())));
    return out;
  }

  /** The position-wise vote among the voters of the heaviest length, or null when fewer than two share it. */
  private static PlateCandidate byPosition(List<PlateCandidate> voters) {
    Map<Integer, Double> weightByLength = new HashMap<>();
    voters.forEach(r -> weightByLength.merge(r.text().length(), r.confidence(), Double::sum));
    // Ties go to the longer length: a dropped character is a commoner misreading than an extra one.
    int length = weightByLength.entrySet().stream()
        .max(Map.Entry.<Integer, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow().getKey();
    List<PlateCandidate> same = voters.stream().filter(r -> r.text().length() == length).toList();
    if (same.size() < 2) {
      return null;
    }
    StringBuilder text = new StringBuilder(length);
    double agreement = 0;
    for (int i = 0; i < length; i++) {
      Map<Character, Double> weights = new LinkedHashMap<>();
      for (PlateCandidate r : same) {
        weights.merge(r.text().charAt(i), r.confidence(), Double::sum);
      }
      Map.Entry<Character, Double> best = weights.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
      text.append(best.getKey());
      agreement += best.getValue() / same.size();
    }
    String voted = text.toString();
    return same.stream().filter(r -> r.text().equals(voted)).max(Comparator.comparingDouble(PlateCandidate::confidence))
        .orElse(new PlateCandidate(voted, Math.clamp(agreement / length, 0.0, 1.0),
            PlateFormats.standard().all().stream().anyMatch(f -> f.matches(voted))));
  }

  private static PlateCandidate bySequence(List<PlateCandidate> voters) {
    Map<String, Double> weights = new LinkedHashMap<>();
    voters.forEach(r -> weights.merge(r.text(), r.confidence(), Double::sum));
    double top = weights.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return voters.stream().filter(r -> weights.get(r.text()) == top)
        .max(Comparator.comparingDouble(PlateCandidate::confidence)).orElseThrow();
  }
}
