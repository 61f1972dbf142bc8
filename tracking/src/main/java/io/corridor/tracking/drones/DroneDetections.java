package io.corridor.tracking.drones;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.events.EventIds;
import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.ReadValidator;
import io.corridor.ingest.UnavailableException;
import io.corridor.tracking.positions.DeviceAnswers;
import io.corridor.ingest.JsonFields;
import io.corridor.platform.FrameIntake;
import io.corridor.tracking.positions.TrackerIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A vehicle a drone saw, published on {@code corridor/drones/{id}/detections}: {@code {"eventId"?,
 * "eventTime", "location": {lat, lon}, "plate"?, "country"?, "confidence"?, "frame"?, "frameId"?}}.
 * A plate the drone read on board becomes a plate read at that place; a {@code frame} (base64 JPEG
 * or PNG) goes through the node's frame pipeline ({@link FrameIntake}: the recognizer, grouping and
 * evidence cache behind {@code POST /v1/frames}), its reads at the detection's {@code location} when
 * it has one. Either way the reads are committed to {@code plate_reads} and then sent on
 * {@code corridor.reads.stored}, so the hotlist and every other read rule see drone reads like camera
 * reads, and a rule that marks a drone frame as evidence keeps it like a camera's.
 */
public final class DroneDetections {

  private final ReadValidator validator;
  private final GroupCommitWriter<PlateRead> reads;
  private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

  private final FrameIntake frames;
  private final Duration writeTimeout;
  private final Duration retryAfter;

  /**
   * @param frames the node's frame pipeline, or {@code null} where there is none (frames then get no
   *     acknowledgement, as {@code /v1/frames} answers 503 on a node without a recognizer)
   */
  public DroneDetections(ReadValidator validator, GroupCommitWriter<PlateRead> reads, FrameIntake frames,
      Duration writeTimeout, Duration retryAfter) {
    this.validator = validator;
    this.reads = reads;
    this.frames = frames;
    this.writeTimeout = writeTimeout;
    this.retryAfter = retryAfter;
  }

  /** Stores one detection; completes with the ids of the reads it gave after their commit. */
  public CompletableFuture<List<String>> accept(TrackerIdentity drone, String key, byte[] payload) {
    try {
      JsonNode node = JsonFields.parse(payload);
      if (!node.isObject()) {
        throw IngestException.malformed("a detection is a JSON object");
      }
      Instant time = JsonFields.time(node, "", "eventTime");
      String frame = JsonFields.text(node, "", "frame", false);
      if (frame != null) {
        return viaRecognizer(drone, key, node, time, frame);
      }
      String plate = JsonFields.text(node, "", "plate", false);
      if (plate == null) {
        throw IngestException.invalid("plate", "a detection carries the plate read on board or the frame (base64 JPEG)");
      }
      JsonNode location = JsonFields.object(node, "", "location", true);
      String id = JsonFields.text(node, "", "eventId", false);
      Double confidence = JsonFields.number(node, "", "confidence", false);
      PlateRead read = PlateRead.newBuilder()
          .setEventId(id != null ? id : EventIds.deterministic("drone-detection", drone.id(),
              String.valueOf(time.toEpochMilli()), plate))
          .setDeviceId(drone.id())
          .setEventTime(time)
          .setPlate(plate)
          .setCountry(JsonFields.text(node, "", "country", false))
          .setConfidence(confidence == null ? 1f : confidence.floatValue())
          .setLocation(DroneTelemetryDecoder.point(location, "location."))
          .build();
      List<PlateRead> batch = new ArrayList<>(List.of(read));
      validator.validate(batch, drone.device());
      return reads.submit(batch).orTimeout(writeTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .handle((stored, failure) -> {
            if (failure == null) {
              return List.of(read.getEventId());
            }
            Throwable cause = DeviceAnswers.unwrap(failure);
            throw cause instanceof IngestException e ? e : new UnavailableException("read not stored: " + cause, retryAfter, cause);
          });
    } catch (IngestException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<List<String>> viaRecognizer(TrackerIdentity drone, String key, JsonNode node, Instant time,
      String frame) {
    byte[] image;
    try {
      image = Base64.getDecoder().decode(frame);
    } catch (IllegalArgumentException e) {
      throw IngestException.invalid("frame", "must be base64 of a JPEG or PNG image");
    }
    JsonNode location = JsonFields.object(node, "", "location", false);
    GeoPoint at = location == null ? null : DroneTelemetryDecoder.point(location, "location.");
    String frameId = JsonFields.text(node, "", "frameId", false);
    if (frameId != null) {
      try {
        EventIds.parse(frameId);
      } catch (IllegalArgumentException e) {
        throw IngestException.invalid("frameId", "must be a UUID chosen by the drone; got '" + frameId + "'");
      }
    }
    String country = JsonFields.text(node, "", "country", false);
    if (country != null && !COUNTRY.matcher(country).matches()) {
      throw IngestException.invalid("country", "must be an ISO 3166-1 alpha-2 code such as XK or RS");
    }
    if (frames == null) {
      throw new UnavailableException("no plate recognizer is configured on this node (anpr.engine=none)", retryAfter, null);
    }
    String type = image.length > 3 && (image[0] & 0xff) == 0x89 && image[1] == 'P' ? "image/png" : "image/jpeg";
    return frames.submitFrame(drone.id(), key, type, time, frameId, country, at, image);
  }
}
