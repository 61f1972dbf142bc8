package io.corridor.anpr;

import java.util.Objects;

/**
 * One reading of a plate's text, as an engine or the post-processing proposes it.
 *
 * @param text the plate text; normalised (upper case A-Z, 0-9, no separators) once it has been
 *     through {@link io.corridor.anpr.plate.PlatePostProcessor}, raw engine output before that
 * @param confidence 0..1, the scale of {@code PlateRead.confidence}
 * @param matchesFormat whether the text fits a known plate format
 */
public record PlateCandidate(String text, double confidence, boolean matchesFormat) {

  /** Validates the fields; a confidence outside 0..1 is a bug in the engine adapter. */
  public PlateCandidate {
    Objects.requireNonNull(text, "text");
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be within 0..1, got " + confidence + " for '" + text + "'");
    }
  }
}
