package io.corridor.platform;

import io.corridor.events.GeoPoint;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The node's frame pipeline, the one behind {@code POST /v1/frames}: a registered device's image
 * goes through the node's plate recognizer, its reads are stored (grouped per vehicle where the node
 * groups frames) and the frame is held in the node's evidence cache, so a rule can keep it as
 * evidence. Modules whose devices send images another way (drones over MQTT) hand them in here
 * rather than run a recognizer of their own.
 */
public interface FrameIntake {

  /**
   * Recognises and stores one frame.
   *
   * @param deviceId the registered device that took it
   * @param deviceKey its key, checked as for {@code /v1/frames}
   * @param contentType {@code image/jpeg} or {@code image/png}
   * @param takenAt when the frame was taken
   * @param frameId the device's UUID for the frame, or {@code null} to derive one from the content
   * @param countryHint ISO country expected on the plates, or {@code null}
   * @param location where the device was when it took the frame, or {@code null}; the reads carry it
   * @param image the image as received
   * @return completes, after the commit, with the ids of the reads stored (none when no plate was
   *     read); fails with the ingest module's error (bad input with the field named, or unavailable
   *     with a retry time) otherwise
   */
  CompletableFuture<List<String>> submitFrame(String deviceId, String deviceKey, String contentType, Instant takenAt,
      String frameId, String countryHint, GeoPoint location, byte[] image);
}
