package io.corridor.ingest;

import io.corridor.platform.devices.DeviceRegistry;

import io.corridor.platform.devices.Device;

import io.corridor.anpr.InvalidImageException;
import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizedPlate;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.events.EventIds;
import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.events.PlateReadCandidate;
import io.corridor.ingest.evidence.FrameCache;
import io.corridor.platform.FrameIntake;
import io.corridor.storage.evidence.EvidenceFrame;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Takes a frame for {@code POST /v1/frames}: authenticates the camera, checks the image, runs plate
 * recognition on a bounded worker pool, validates one read per plate found and hands them to a
 * {@link FrameReadSink}: committed at once, or grouped per vehicle first. The answer comes after
 * commit. A frame with plates is held for a short while in the {@link FrameCache}, in memory only,
 * so a rule can mark it as evidence; otherwise the image is not kept. Other modules' devices (drones)
 * send their frames through the same pipeline as a {@link FrameIntake}.
 */
public final class FrameService implements FrameIntake {

  /** Source name under which {@link ReadFilter} counts the dropped reads of frames. */
  public static final String SOURCE = "frames";

  private static final List<String> IMAGE_TYPES = List.of("image/jpeg", "image/png");

  private final DeviceRegistry devices;
  private final ReadValidator validator;
  private final PlateRecognizer recognizer;
  private final ExecutorService workers;
  private final IngestOptions options;
  private final FrameReadSink sink;
  private final FrameCache cache;
  private final ReadFilter filter;
  private final ImageProbe probe = new ImageProbe();
  private final String defaultCountry;

  /**
   * @param recognizer the engine, or {@code null} when none is configured (frames get 503)
   * @param workers a bounded pool; a rejected task answers 503
   * @param sink where the reads of a recognised frame go
   * @param cache where frames with plates are held for evidence marking
   * @param filter keeps reads that fit no plate format at low confidence out
   */
  public FrameService(DeviceRegistry devices, ReadValidator validator, PlateRecognizer recognizer,
      ExecutorService workers, IngestOptions options, FrameReadSink sink, FrameCache cache, ReadFilter filter) {
    this(devices, validator, recognizer, workers, options, sink, cache, filter, null);
  }

  /**
   * As above, with the country the cameras stand in ({@code anpr.default-country}), hinted to the
   * engine for frames that name none; {@code null} for none.
   */
  public FrameService(DeviceRegistry devices, ReadValidator validator, PlateRecognizer recognizer,
      ExecutorService workers, IngestOptions options, FrameReadSink sink, FrameCache cache, ReadFilter filter,
      String defaultCountry) {
    this.defaultCountry = defaultCountry;
    this.devices = devices;
    this.validator = validator;
    this.recognizer = recognizer;
    this.workers = workers;
    this.options = options;
    this.sink = sink;
    this.cache = cache;
    this.filter = filter;
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
    return ingest(deviceId, deviceKey, contentType, () -> parseTime(eventTime), frameId, countryHint, null, image);
  }

  @Override
  public CompletableFuture<List<String>> submitFrame(String deviceId, String deviceKey, String contentType,
      Instant takenAt, String frameId, String countryHint, GeoPoint location, byte[] image) {
    return ingest(deviceId, deviceKey, contentType, () -> takenAt, frameId, countryHint, location, image)
        .thenApply(result -> result.reads().stream().map(PlateRead::getEventId).toList());
  }

  /** @param time when the frame was taken, checked after the device and the content type */
  private CompletableFuture<FrameResult> ingest(String deviceId, String deviceKey, String contentType,
      Supplier<Instant> time, String frameId, String countryHint, GeoPoint location, byte[] image) {
    Device camera;
    Instant takenAt;
    String id;
    String type;
    RecognitionHints hints;
    try {
      camera = DeviceAuthentication.require(devices, deviceId, deviceKey);
      type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (!IMAGE_TYPES.contains(type)) {
        throw new IngestException(415, "unsupported_media_type", null,
            "Content-Type must be image/jpeg or image/png; got '" + contentType + "'");
      }
      takenAt = time.get();
      if (location != null && (!(Math.abs(location.getLat()) <= 90) || !(Math.abs(location.getLon()) <= 180))) {
        throw IngestException.invalid("location", "latitude must be within ±90 and longitude within ±180");
      }
      id = frameId == null || frameId.isBlank() ? contentId(camera.id(), image) : canonical(frameId);
      hints = hintsFor(countryHint, defaultCountry);
      checkImage(image);
      if (recognizer == null) {
        throw new UnavailableException("no plate recognizer is configured on this node (anpr.engine=none)",
            options.retryAfter(), null);
      }
      sink.admit();
    } catch (IngestException e) {
      return CompletableFuture.failedFuture(e);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(IngestException.invalid("X-Country-Hint", e.getMessage()));
    }
    CompletableFuture<RecognizedFrame> recognized;
    try {
      recognized = CompletableFuture.supplyAsync(() -> recognize(camera, id, takenAt, location, type, hints, image),
          workers);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new UnavailableException("plate recognition is saturated; retry later",
          options.retryAfter(), e));
    }
    return recognized
        .orTimeout(options.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(recognitionFailure(failure)))
        .thenCompose(frame -> frame.reads().isEmpty()
            ? CompletableFuture.completedFuture(new FrameResult(id, List.of(), frame.recognitionMillis()))
            : sink.store(frame));
  }

  /** Runs on a recognition worker: recognition, validation, caching and the sink's blocking preparation. */
  private RecognizedFrame recognize(Device camera, String frameId, Instant takenAt, GeoPoint location, String type,
      RecognitionHints hints, byte[] image) {
    RecognitionResult result = recognizer.recognize(image, hints);
    List<PlateRead> reads = new ArrayList<>();
    List<RecognizedPlate> found = new ArrayList<>();
    List<RecognizedPlate> plates = result.plates();
    for (int i = 0; i < plates.size(); i++) {
      RecognizedPlate plate = plates.get(i);
      String text = PlateText.normalize(plate.text());
      if (!PlateText.isValid(text)) {
        continue;
      }
      // Judged by the text against Corridor's formats (the engines decode against the same ones).
      if (!filter.keep(SOURCE, text, plate.confidence(), false, hints.country())) {
        continue;
      }
      String country = plate.country() != null ? plate.country() : hints.country();
      reads.add(PlateRead.newBuilder()
          .setEventId(EventIds.deterministic("frame", frameId, Integer.toString(i)))
          .setDeviceId(camera.id())
          .setEventTime(takenAt)
          .setLocation(location)
          .setPlate(text)
          .setCountry(country != null && country.matches("[A-Z]{2}") ? country : null)
          .setConfidence((float) Math.max(0, Math.min(1, plate.confidence())))
          .setFrameIds(List.of(frameId))
          .setCandidates(candidates(text, plate))
          .build());
      found.add(plate);
    }
    RecognizedFrame frame = new RecognizedFrame(camera, frameId, takenAt, reads, found, Map.of(),
        result.processingTime().toMillis());
    if (reads.isEmpty()) {
      return frame;
    }
    validator.validate(reads, camera);
    cache.put(new EvidenceFrame(camera.id(), frameId, takenAt, type, image));
    return sink.prepare(frame);
  }

  /** The engine's readings as the read carries them: best first (the stored text), normalised, at most ten. */
  private static List<PlateReadCandidate> candidates(String best, RecognizedPlate plate) {
    List<PlateReadCandidate> out = new ArrayList<>();
    out.add(new PlateReadCandidate(best, (float) Math.max(0, Math.min(1, plate.confidence()))));
    for (PlateCandidate candidate : plate.candidates()) {
      String text = PlateText.normalize(candidate.text());
      if (out.size() < 10 && PlateText.isValid(text) && out.stream().noneMatch(c -> c.getPlate().equals(text))) {
        out.add(new PlateReadCandidate(text, (float) candidate.confidence()));
      }
    }
    return out;
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
    Throwable cause = FrameFailures.unwrap(failure);
    if (cause instanceof IngestException e) {
      return e;
    }
    if (cause instanceof InvalidImageException invalid) {
      return new IngestException(400, "invalid_image", null, invalid.getMessage());
    }
    if (cause instanceof java.util.concurrent.TimeoutException) {
      return new UnavailableException("plate recognition did not finish within " + options.writeTimeout().toSeconds()
          + " s; retry the frame", options.retryAfter(), cause);
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

  /**
   * The engine's hints for a frame: the frame's own country header, else the configured country
   * of the cameras, else none. Without a hint a plate of a country with no known format (the
   * United States) fits no format and is read below the store filter's confidence; with it the
   * engine reads the country's open shape at full confidence, decodes its serial formats where
   * Corridor knows them ({@code PlateFormats.hintedOnly}: the US states'), and the store filter
   * judges the reads as that country's ({@link ReadFilter#keep(String, String, double, boolean, String)}).
   */
  static RecognitionHints hintsFor(String countryHeader, String defaultCountry) {
    String country = countryHeader == null || countryHeader.isBlank() ? defaultCountry : countryHeader;
    return country == null || country.isBlank() ? RecognitionHints.none()
        : RecognitionHints.forCountry(country.trim().toUpperCase(Locale.ROOT));
  }
}
