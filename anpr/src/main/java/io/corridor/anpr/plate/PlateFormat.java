package io.corridor.anpr.plate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One civilian plate format of one country, as a sequence of {@link Segment}s over normalised
 * text (separators removed), e.g. Kosovo: district code 01-07, three digits, two letters.
 *
 * @param id stable identifier, e.g. "XK", "RS"; "EU" for the generic format
 * @param country ISO 3166-1 alpha-2 code, or null for the generic EU format
 * @param example a plate as printed, for documentation and tests
 * @param segments the character runs, in order
 * @param maxLength longest normalised text the format allows
 */
public record PlateFormat(String id, String country, String example, List<Segment> segments, int maxLength) {

  /** Copies the segment list and checks it is not empty. */
  public PlateFormat {
    Objects.requireNonNull(id, "id");
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("format " + id + " has no segments");
    }
  }

  /** A format whose longest text is the sum of its segments' longest runs. */
  public PlateFormat(String id, String country, String example, List<Segment> segments) {
    this(id, country, example, segments, segments.stream().mapToInt(Segment::maxLength).sum());
  }

  /** Whether this is the catch-all EU format rather than one country's. */
  public boolean generic() {
    return country == null;
  }

  /** Whether normalised {@code text} fits the format exactly, with no correction. */
  public boolean matches(String text) {
    return correct(text).filter(m -> m.substitutions() == 0).isPresent();
  }

  /**
   * Fits normalised {@code text} to the format, swapping OCR-confusable characters (O/0, I/1, B/8,
   * S/5, Z/2, G/6, A/4) only where a position's class demands it.
   *
   * @return the fit with the fewest swaps (ties: the first found, shorter runs first), or empty
   *     when no fit exists
   */
  public Optional<FormatMatch> correct(String text) {
    if (text.isEmpty() || text.length() > maxLength) {
      return Optional.empty();
    }
    return FormatFitter.fit(segments, text).map(fit -> new FormatMatch(fit.text(), this, fit.swaps()));
  }
}
