package io.corridor.anpr;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an engine found in one image.
 *
 * @param plates the plates found, in the engine's order; empty when none
 * @param imageWidth width of the image in pixels
 * @param imageHeight height of the image in pixels
 * @param processingTime time spent recognising the whole image
 */
public record RecognitionResult(List<RecognizedPlate> plates, int imageWidth, int imageHeight, Duration processingTime) {

  /** Copies the list and checks sizes and time are not negative. */
  public RecognitionResult {
    plates = List.copyOf(plates);
    Objects.requireNonNull(processingTime, "processingTime");
    if (imageWidth < 0 || imageHeight < 0) {
      throw new IllegalArgumentException("image size must not be negative, got " + imageWidth + "x" + imageHeight);
    }
    if (processingTime.isNegative()) {
      throw new IllegalArgumentException("processingTime must not be negative, got " + processingTime);
    }
  }

  /** The same result with other plates, e.g. after post-processing. */
  public RecognitionResult withPlates(List<RecognizedPlate> newPlates) {
    return new RecognitionResult(newPlates, imageWidth, imageHeight, processingTime);
  }

  /** The same result with another processing time, e.g. one measured around the whole call. */
  public RecognitionResult withProcessingTime(Duration newProcessingTime) {
    return new RecognitionResult(plates, imageWidth, imageHeight, newProcessingTime);
  }
}
