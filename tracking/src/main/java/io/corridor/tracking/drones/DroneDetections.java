package io.corridor.tracking.drones;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.events.EventIds;
import io.corridor.events.PlateRead;
import io.corridor.ingest.FrameResult;
import io.corridor.ingest.FrameService;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.ReadValidator;
import io.corridor.ingest.UnavailableException;
import io.corridor.tracking.positions.DeviceAnswers;
import io.corridor.ingest.JsonFields;
import io.corridor.tracking.positions.TrackerIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A vehicle a drone saw, published on {@code corridor/drones/{id}/detections}: {@code {"eventId"?,
 * "eventTime", "location": {lat, lon}, "plate"?, "country"?, "confidence"?, "frame"?, "frameId"?}}.
 * A plate the drone read on board becomes a plate read at that place; a {@code frame} (base64 JPEG
 * or PNG) goes through the plate recognizer exactly like {@code POST /v1/frames}. Either way the
 * reads are committed to {@code plate_reads} and then sent on {@code corridor.reads.stored}, so the
 * hotlist and every other read rule see drone reads like camera reads.
 */
public final class DroneDetections {

  private final ReadValidator validator;
  private final GroupCommitWriter<PlateRead> reads;
  private final Supplier<FrameService> frames;
  private final Duration writeTimeout;
  private final Duration retryAfter;

  /**
   * @param frames the frame pipeline, created on first use; it may give {@code null} when this node has no
   *     recognizer (frames then get no acknowledgement, like {@code /v1/frames} answers 503)
   */
  public DroneDetections(ReadValidator validator, GroupCommitWriter<PlateRead> reads, Supplier<FrameService> frames,
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
    FrameService service = frames.get();
    if (service == null) {
      throw new UnavailableException("no plate recognizer is configured on this node (anpr.engine=none)", retryAfter, null);
    }
    String type = image.length > 3 && (image[0] & 0xff) == 0x89 && image[1] == 'P' ? "image/png" : "image/jpeg";
    return service.ingestFrame(drone.id(), key, type, time.toString(), JsonFields.text(node, "", "frameId", false),
            JsonFields.text(node, "", "country", false), image)
        .thenApply(FrameResult::reads)
        .thenApply(list -> list.stream().map(PlateRead::getEventId).toList());
  }
}
