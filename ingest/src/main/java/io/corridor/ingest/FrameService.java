package io.corridor.ingest;

import io.corridor.anpr.InvalidImageException;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizedPlate;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.events.EventIds;
import io.corridor.events.PlateRead;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Takes a frame for {@code POST /v1/frames}: authenticates the camera, checks the image, runs plate
 * recognition on a bounded worker pool and sends the plates found as {@link PlateRead}s through the
 * same validation and group-commit writer as reads sent by cameras. The answer comes after commit.
 * Read ids derive from the frame id and the plate's position, so a retried frame is stored once.
 * The image itself is not kept.
 */
public final class FrameService {

  private static final List<String> IMAGE_TYPES = List.of("image/jpeg", "image/png");

  private final DeviceRegistry devices;
  private final ReadValidator validator;
  private final GroupCommitWriter<PlateRead> writer;
  private final PlateRecognizer recognizer;
  private final ExecutorService workers;
  private final IngestOptions options;
  private final ImageProbe probe = new ImageProbe();

  /**
   * @param recognizer the engine, or {@code null} when none is configured (frames get 503)
   * @param workers a bounded pool; a rejected task answers 503
   */
  public FrameService(DeviceRegistry devices, ReadValidator validator, GroupCommitWriter<PlateRead> writer,
      PlateRecognizer recognizer, ExecutorService workers, IngestOptions options) {
    this.devices = devices;
    this.validator = validator;
    this.writer = writer;
    this.recognizer = recognizer;
    this.workers = workers;
    this.options = options;
  }

  /**
   * Handles one frame. Failures come back as a failed future holding an {@link IngestException}.
   *
   * @param eventTime ISO-8601 instant or epoch milliseconds, when the frame was taken
   * @param frameId UUID chosen by the camera, or {@code null} to derive one from the content
   * @param countryHint ISO country expected on the plates, or {@code null}
   */
  public CompletableFuture<FrameResult> ingestFrame(String deviceId, String deviceKey, String contentType,
      String eventTime, String frameId, String countryHint, byte[] image) {
    Device camera;
    Instant takenAt;
    String id;
    RecognitionHints hints;
    try {
      camera = DeviceAuthentication.require(devices, deviceId, deviceKey);
      String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (!IMAGE_TYPES.contains(type)) {
        throw new IngestException(415, "unsupported_media_type", null,
            "Content-Type must be image/jpeg or image/png; got '" + contentType + "'");
      }
      takenAt = parseTime(eventTime);
      id = frameId == null || frameId.isBlank() ? contentId(camera.id(), image) : canonical(frameId);
      hints = countryHint == null || countryHint.isBlank() ? RecognitionHints.none()
          : RecognitionHints.forCountry(countryHint.trim().toUpperCase(Locale.ROOT));
      checkImage(image);
      if (recognizer == null) {
        throw new UnavailableException("no plate recognizer is configured on this node (anpr.engine=none)",
            options.retryAfter(), null);
      }
    } catch (IngestException e) {
      return CompletableFuture.failedFuture(e);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(IngestException.invalid("X-Country-Hint", e.getMessage()));
    }
    CompletableFuture<RecognitionResult> recognized;
    try {
      recognized = CompletableFuture.supplyAsync(() -> recognizer.recognize(image, hints), workers);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new UnavailableException("plate recognition is saturated; retry later",
          options.retryAfter(), e));
    }
    return recognized
        .orTimeout(options.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(recognitionFailure(failure)))
        .thenCompose(result -> store(camera, id, takenAt, hints, result));
  }

  private CompletableFuture<FrameResult> store(Device camera, String frameId, Instant takenAt, RecognitionHints hints,
      RecognitionResult result) {
    List<PlateRead> reads = new ArrayList<>();
    List<RecognizedPlate> plates = result.plates();
    for (int i = 0; i < plates.size(); i++) {
      RecognizedPlate plate = plates.get(i);
      String text = PlateText.normalize(plate.text());
      if (!PlateText.isValid(text)) {
        continue;
      }
      String country = plate.country() != null ? plate.country() : hints.country();
      reads.add(PlateRead.newBuilder()
          .setEventId(EventIds.deterministic("frame", frameId, Integer.toString(i)))
          .setDeviceId(camera.id())
          .setEventTime(takenAt)
          .setPlate(text)
          .setCountry(country != null && country.matches("[A-Z]{2}") ? country : null)
          .setConfidence((float) Math.max(0, Math.min(1, plate.confidence())))
          .setFrameIds(List.of(frameId))
          .build());
    }
    long millis = result.processingTime().toMillis();
    if (reads.isEmpty()) {
      return CompletableFuture.completedFuture(new FrameResult(frameId, List.of(), millis));
    }
    try {
      validator.validate(reads, camera);
    } catch (IngestException e) {
      return CompletableFuture.failedFuture(e);
    }
    return writer.submit(reads)
        .orTimeout(options.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle((stored, failure) -> {
          if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            throw cause instanceof IngestException e ? e
                : new UnavailableException("reads of frame " + frameId + " not stored; retry the frame",
                    options.retryAfter(), cause);
          }
          return new FrameResult(frameId, reads, millis);
        });
  }

  private void checkImage(byte[] image) {
    try {
      probe.probe(image);
    } catch (InvalidImageException e) {
      boolean tooLarge = e.getMessage() != null && e.getMessage().contains("exceeds");
      throw new IngestException(tooLarge ? 413 : 400, tooLarge ? "image_too_large" : "invalid_image", null, e.getMessage());
    }
  }

  private IngestException recognitionFailure(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof InvalidImageException invalid) {
      return new IngestException(400, "invalid_image", null, invalid.getMessage());
    }
    return new UnavailableException("plate recognition failed: " + cause.getMessage(), options.retryAfter(), cause);
  }

  private static Instant parseTime(String value) {
    if (value == null || value.isBlank()) {
      throw IngestException.invalid("X-Event-Time", "is required: when the frame was taken, ISO-8601 or epoch ms");
    }
    try {
      return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw IngestException.invalid("X-Event-Time", "must be ISO-8601 with zone (2026-11-23T10:15:30Z) or epoch milliseconds");
    }
  }

  private static String canonical(String frameId) {
    try {
      return EventIds.parse(frameId).toString();
    } catch (IllegalArgumentException e) {
      throw IngestException.invalid("X-Frame-Id", "must be a UUID chosen by the camera; got '" + frameId + "'");
    }
  }

  /** The same image from the same camera always gets the same id, so a retry without an id is idempotent. */
  private static String contentId(String cameraId, byte[] image) {
    try {
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
      return EventIds.deterministic("frame-content", cameraId, digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
