package io.corridor.anpr.grouping;

import io.corridor.anpr.RecognizedPlate;
import java.time.Instant;
import java.util.Objects;

/**
 * One plate recognised in one frame, the input of {@link PlateReadGrouper}.
 *
 * @param cameraId the device that took the frame
 * @param frameId the frame's event id
 * @param eventTime when the frame was taken, by the device's clock
 * @param plate the plate, post-processed (normalised text)
 */
public record FrameRead(String cameraId, String frameId, Instant eventTime, RecognizedPlate plate) {

  /** Checks that nothing is null. */
  public FrameRead {
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(frameId, "frameId");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(plate, "plate");
  }
}
