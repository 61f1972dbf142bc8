package io.corridor.anpr;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One plate found in an image.
 *
 * @param candidates readings of the text, best first; never empty
 * @param corners the plate's four corners clockwise from top-left, or empty when the engine does
 *     not locate plates
 * @param country ISO 3166-1 alpha-2 country of the matched format, or null when no known format
 *     matched the best candidate
 * @param formatId id of the matched {@link io.corridor.anpr.plate.PlateFormat}, or null
 * @param region the engine's own region or pattern code (OpenALPR: e.g. "md"), or null
 * @param regionConfidence the engine's confidence in {@code region}, 0..1 (0 when unknown)
 * @param processingTime time the engine spent on this plate
 */
public record RecognizedPlate(
    List<PlateCandidate> candidates,
    List<Point> corners,
    String country,
    String formatId,
    String region,
    double regionConfidence,
    Duration processingTime) {

  /** Copies the lists and checks the invariants above. */
  public RecognizedPlate {
    candidates = List.copyOf(candidates);
    corners = List.copyOf(corners);
    Objects.requireNonNull(processingTime, "processingTime");
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("a recognised plate needs at least one candidate");
    }
    if (!corners.isEmpty() && corners.size() != 4) {
      throw new IllegalArgumentException("a plate has 4 corners or none, got " + corners.size());
    }
    if (!(regionConfidence >= 0.0 && regionConfidence <= 1.0)) {
      throw new IllegalArgumentException("regionConfidence must be within 0..1, got " + regionConfidence);
    }
    if (processingTime.isNegative()) {
      throw new IllegalArgumentException("processingTime must not be negative, got " + processingTime);
    }
  }

  /** The best candidate (the first). */
  public PlateCandidate best() {
    return candidates.getFirst();
  }

  /** Text of the best candidate. */
  public String text() {
    return best().text();
  }

  /** Confidence of the best candidate, 0..1. */
  public double confidence() {
    return best().confidence();
  }

  /** Whether the best candidate fits a known plate format. */
  public boolean matchesFormat() {
    return best().matchesFormat();
  }

  /** This plate with other candidates and the format they matched (either may be null). */
  public RecognizedPlate withCandidates(List<PlateCandidate> newCandidates, String newCountry, String newFormatId) {
    return new RecognizedPlate(newCandidates, corners, newCountry, newFormatId, region, regionConfidence, processingTime);
  }
}
