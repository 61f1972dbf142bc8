package io.corridor.storage.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * One frame as a camera sent it, as held before it is (perhaps) kept as evidence.
 *
 * @param deviceId the camera
 * @param frameId the frame's id (a UUID)
 * @param takenAt when the camera took it
 * @param contentType {@code image/jpeg} or {@code image/png}
 * @param image the encoded image; shared, never modified
 */
public record EvidenceFrame(String deviceId, String frameId, Instant takenAt, String contentType, byte[] image) {

  /** Checks that nothing is null. */
  public EvidenceFrame {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(frameId, "frameId");
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(image, "image");
  }
}
