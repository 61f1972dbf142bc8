package io.corridor.ingest.openalpr;

import io.corridor.anpr.InvalidImageException;
import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.RecognizedPlate;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.events.EventIds;
import io.corridor.events.PlateRead;
import io.corridor.ingest.Commits;
import io.corridor.ingest.DeviceAuthentication;
import io.corridor.ingest.FrameReadSink;
import io.corridor.ingest.FrameResult;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.IngestOptions;
import io.corridor.ingest.ReadFilter;
import io.corridor.ingest.ReadValidator;
import io.corridor.ingest.RecognizedFrame;
import io.corridor.ingest.UnavailableException;
import io.corridor.ingest.evidence.FrameCache;
import io.corridor.platform.devices.Device;
import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.storage.evidence.EvidenceFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Takes an OpenALPR / Rekor Scout agent's webhook message for {@code POST /v1/integrations/openalpr}:
 * authenticates the sender, decodes the message ({@link OpenAlprWebhookDecoder}) on a worker,
 * and stores what it read under its camera.
 *
 * <p>The sender is a camera (its own key: every message is its own, whatever {@code camera_id}
 * says) or an {@code agent} device serving several cameras through one webhook: a message the
 * agent's key posts is stored under the camera registered to that agent with the message's
 * {@code camera_id}, and refused (403 {@code unknown_agent_camera}, counted as outcome
 * {@code unknown_camera}) when no camera is, so a read is never stored under the wrong camera.
 *
 * <ul>
 *   <li>{@code alpr_group} (the agent already grouped the vehicle's frames): one read, committed
 *       through the group-commit writer; its id derives from the group's first frame uuid.
 *   <li>{@code alpr_results} (one frame): each plate becomes a recognised frame of its own and goes
 *       the way of {@code /v1/frames} frames, through per-vehicle grouping and voting when it is on.
 *   <li>{@code alpr_alert}, {@code vehicle}, {@code heartbeat}, the agent's test message, a preview
 *       group (the final one follows) and unknown types: accepted, nothing stored, counted by reason.
 * </ul>
 *
 * <p>Crops (vehicle, plate) are held in the {@link FrameCache} under the frame ids the read lists,
 * so a rule can mark them as evidence; otherwise they are not kept. Plates that fit no format at
 * low confidence are not stored ({@link ReadFilter}). Every answer comes after commit.
 */
public final class OpenAlprWebhook {

  /** Source name under which {@link ReadFilter} counts this webhook's dropped reads. */
  public static final String SOURCE = "openalpr";

  private final DeviceRegistry devices;
  private final ReadValidator validator;
  private final GroupCommitWriter<PlateRead> writer;
  private final FrameReadSink frames;
  private final FrameCache cache;
  private final ReadFilter filter;
  private final IngestOptions options;
  private final Executor workers;
  private final MeterRegistry metrics;
  private final OpenAlprWebhookDecoder decoder = new OpenAlprWebhookDecoder();
  private final ImageProbe probe = new ImageProbe();

  /**
   * @param frames where the plates of {@code alpr_results} frames go (grouping, or straight to the writer)
   * @param workers runs decoding and the blocking look-ups, never an event loop
   * @param metrics counts messages as {@code corridor_openalpr_messages_total{data_type, outcome}}
   */
  public OpenAlprWebhook(DeviceRegistry devices, ReadValidator validator, GroupCommitWriter<PlateRead> writer,
      FrameReadSink frames, FrameCache cache, ReadFilter filter, IngestOptions options, Executor workers,
      MeterRegistry metrics) {
    this.devices = devices;
    this.validator = validator;
    this.writer = writer;
    this.frames = frames;
    this.cache = cache;
    this.filter = filter;
    this.options = options;
    this.workers = workers;
    this.metrics = metrics;
  }

  /** Handles one message. Failures come back as a failed future holding an {@link IngestException}. */
  public CompletableFuture<OpenAlprResult> ingest(String deviceId, String deviceKey, String contentType, byte[] body) {
    Device sender;
    try {
      sender = DeviceAuthentication.require(devices, deviceId, deviceKey);
      String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (!type.equals("application/json")) {
        throw new IngestException(415, "unsupported_media_type", null,
            "Content-Type must be application/json (the agent's webhook JSON); got '" + contentType + "'");
      }
      if (!sender.readsPlates() && !sender.kind().equals(Device.AGENT)) {
        throw IngestException.invalid("X-Device-Id", "device '" + sender.id() + "' is a " + sender.kind()
            + ", not a camera or an OpenALPR agent");
      }
    } catch (IngestException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Prepared> prepared;
    try {
      prepared = CompletableFuture.supplyAsync(() -> prepare(sender, body), workers);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new UnavailableException("webhook workers are saturated; retry later",
          options.retryAfter(), e));
    }
    return prepared.thenCompose(this::store).whenComplete((result, failure) -> {
      if (result != null) {
        count(result.dataType(), result.ignored() != null ? "ignored"
            : result.reads().isEmpty() && result.dropped() > 0 ? "dropped" : "stored");
      }
    });
  }

  /** What a message became before anything is committed. */
  private record Prepared(String dataType, PlateRead group, List<RecognizedFrame> frames, String ignored, int dropped) {}

  /** Runs on a worker: decoding, validation, caching the crops, the frame sink's look-ups. */
  private Prepared prepare(Device sender, byte[] body) {
    OpenAlprMessage message = decoder.decode(body);
    return switch (message) {
      case OpenAlprMessage.Ignored ignored -> new Prepared(ignored.dataType(), null, List.of(), ignored.dataType(), 0);
      case OpenAlprMessage.Group group when group.preview() ->
          new Prepared(group.dataType(), null, List.of(), "preview", 0);
      case OpenAlprMessage.Group group -> prepareGroup(camera(sender, group, group.cameraNumber()), group);
      case OpenAlprMessage.Frame frame -> prepareFrame(camera(sender, frame, frame.cameraNumber()), frame);
    };
  }

  /** The camera a message is stored under: the sender itself, or the camera an agent's {@code camera_id} maps to. */
  private Device camera(Device sender, OpenAlprMessage message, long cameraNumber) {
    if (!sender.kind().equals(Device.AGENT)) {
      // A camera an agent serves, posting with its own key, still posts its agent's messages: a
      // copy of its key in another agent installation is refused as the agent's own key would be.
      if (sender.agentId() != null) {
        devices.find(sender.agentId()).ifPresent(agent -> checkAgentUid(agent, message));
      }
      return sender;
    }
    String dataType = message.dataType();
    checkAgentUid(sender, message);
    if (cameraNumber < 0) {
      count(dataType, "unknown_camera");
      throw IngestException.invalid("camera_id", "is required when agent '" + sender.id()
          + "' posts: it names which of the agent's cameras saw the plate");
    }
    Device camera = devices.agentCamera(sender.id(), cameraNumber).orElse(null);
    if (camera == null) {
      count(dataType, "unknown_camera");
      throw new IngestException(403, "unknown_agent_camera", "camera_id", "camera_id " + cameraNumber
          + " is not registered to agent '" + sender.id() + "'; register it as a camera with agent '" + sender.id()
          + "' and agentCameraId " + cameraNumber + " (POST /v1/devices)");
    }
    if (!camera.active()) {
      count(dataType, "unknown_camera");
      throw new IngestException(403, "device_revoked", "camera_id", "camera '" + camera.id() + "' (camera_id "
          + cameraNumber + " of agent '" + sender.id() + "') has been revoked");
    }
    return camera;
  }

  /**
   * An agent's {@code camera_id} numbers are its own: a message of another agent installation
   * (its key copied into that agent's webhook) would be stored under this agent's cameras. The
   * message's {@code agent_uid} must be the one the agent device was registered for, whether the
   * agent's key or the key of one of its cameras posts it; an agent registered before Corridor
   * recorded it (none, before V52) is not checked.
   */
  private void checkAgentUid(Device agent, OpenAlprMessage message) {
    if (agent.agentUid() == null) {
      return;
    }
    if (message.agentUid() == null) {
      count(message.dataType(), "wrong_agent");
      throw IngestException.invalid("agent_uid", "is required when agent '" + agent.id()
          + "' posts: it names the agent installation whose camera_id the message carries");
    }
    if (!message.agentUid().equals(agent.agentUid())) {
      count(message.dataType(), "wrong_agent");
      throw new IngestException(403, "agent_uid_mismatch", "agent_uid", "agent_uid " + message.agentUid()
          + " is not the agent installation device '" + agent.id() + "' is registered for (" + agent.agentUid()
          + "): give that agent a device of its own (POST /v1/devices, kind agent, its agentUid) and its own key");
    }
  }

  private Prepared prepareGroup(Device camera, OpenAlprMessage.Group group) {
    OpenAlprMessage.Plate best = group.best();
    PlateCandidate top = best.candidates().getFirst();
    String country = OpenAlprReads.country(group.agentCountry(), best.region(), top.text());
    // judged as the read's country, as /v1/frames judges a frame under its country hint
    if (!filter.keep(SOURCE, top.text(), top.confidence(), best.matchesTemplate(), country)) {
      return new Prepared(group.dataType(), null, List.of(), null, 1);
    }
    Map<String, EvidenceFrame> crops = new LinkedHashMap<>();
    addCrop(crops, camera, OpenAlprReads.groupCropId(camera.id(), group.key(), "vehicle"), group.seenAt(),
        group.vehicleCrop(), "vehicle_crop_jpeg");
    addCrop(crops, camera, OpenAlprReads.groupCropId(camera.id(), group.key(), "plate"), group.seenAt(), best.crop(),
        "best_plate.plate_crop_jpeg");
    PlateRead read = PlateRead.newBuilder()
        .setEventId(OpenAlprReads.groupEventId(camera.id(), group.key()))
        .setDeviceId(camera.id())
        .setEventTime(group.seenAt())
        .setPlate(top.text())
        .setCountry(country)
        .setConfidence((float) top.confidence())
        .setLocation(group.location())
        .setFrameIds(List.copyOf(crops.keySet()))
        .setCandidates(OpenAlprReads.candidates(best.candidates()))
        .build();
    validate(read, camera, "best_plate.", group.frameUuids().isEmpty() ? "epoch_start" : "best_uuid_epoch_ms");
    crops.values().forEach(cache::put);
    return new Prepared(group.dataType(), read, List.of(), null, 0);
  }

  private Prepared prepareFrame(Device camera, OpenAlprMessage.Frame frame) {
    frames.admit();
    List<RecognizedFrame> recognized = new ArrayList<>();
    int dropped = 0;
    for (int i = 0; i < frame.plates().size(); i++) {
      OpenAlprMessage.Plate plate = frame.plates().get(i);
      PlateCandidate top = plate.candidates().getFirst();
      String country = OpenAlprReads.country(frame.agentCountry(), plate.region(), top.text());
      if (!filter.keep(SOURCE, top.text(), top.confidence(), plate.matchesTemplate(), country)) {
        dropped++;
        continue;
      }
      String frameId = OpenAlprReads.plateFrameId(camera.id(), frame.uuid(), i);
      Map<String, EvidenceFrame> crops = new LinkedHashMap<>();
      addCrop(crops, camera, frameId, frame.takenAt(), plate.crop(), "results[" + i + "].plate_crop_jpeg");
      PlateRead read = PlateRead.newBuilder()
          .setEventId(EventIds.deterministic("frame", frameId, "0"))
          .setDeviceId(camera.id())
          .setEventTime(frame.takenAt())
          .setPlate(top.text())
          .setCountry(country)
          .setConfidence((float) top.confidence())
          .setFrameIds(List.of(frameId))
          .setCandidates(OpenAlprReads.candidates(plate.candidates()))
          .build();
      validate(read, camera, "results[" + i + "].", "epoch_time");
      RecognizedPlate found = new RecognizedPlate(List.of(new PlateCandidate(read.getPlate(), top.confidence(),
          plate.matchesTemplate())), plate.corners(), country, null, plate.region(), plate.regionConfidence(),
          plate.processingTime());
      crops.values().forEach(cache::put);
      recognized.add(frames.prepare(new RecognizedFrame(camera, frameId, frame.takenAt(), List.of(read),
          List.of(found), Map.of(), frame.processingTime().toMillis())));
    }
    return new Prepared(frame.dataType(), null, recognized, null, dropped);
  }

  private CompletableFuture<OpenAlprResult> store(Prepared prepared) {
    if (prepared.group() != null) {
      return Commits.answerAfter(writer.submit(List.of(prepared.group())),
          new OpenAlprResult(prepared.dataType(), List.of(prepared.group()), null, 0), options);
    }
    if (prepared.frames().isEmpty()) {
      return CompletableFuture.completedFuture(
          new OpenAlprResult(prepared.dataType(), List.of(), prepared.ignored(), prepared.dropped()));
    }
    List<CompletableFuture<FrameResult>> stored = prepared.frames().stream().map(frames::store).toList();
    return CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<PlateRead> reads = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (CompletableFuture<FrameResult> frame : stored) {
        for (PlateRead read : frame.join().reads()) {
          if (!seen.contains(read.getEventId())) {
            seen.add(read.getEventId());
            reads.add(read);
          }
        }
      }
      return new OpenAlprResult(prepared.dataType(), reads, null, prepared.dropped());
    });
  }

  private void addCrop(Map<String, EvidenceFrame> crops, Device camera, String frameId, Instant takenAt, byte[] image,
      String field) {
    if (image == null) {
      return;
    }
    String type;
    try {
      type = probe.probe(image).format().contentType();
    } catch (InvalidImageException e) {
      throw IngestException.invalid(field, "is not a readable image: " + e.getMessage());
    }
    crops.put(frameId, new EvidenceFrame(camera.id(), frameId, takenAt, type, image));
  }

  /** Validates as {@code /v1/reads} does, naming the agent's field rather than PlateRead's in an error. */
  private void validate(PlateRead read, Device camera, String platePath, String timeField) {
    try {
      validator.validate(List.of(read), camera);
    } catch (IngestException e) {
      String field = e.field() == null ? null : switch (e.field()) {
        case "plate" -> platePath + "plate";
        case "confidence" -> platePath + "confidence";
        case "eventTime" -> timeField;
        case "location" -> "gps_latitude";
        default -> e.field();
      };
      throw new IngestException(e.status(), e.error(), field, e.getMessage());
    }
  }

  private void count(String dataType, String outcome) {
    Counter.builder("corridor_openalpr_messages").description("OpenALPR agent messages by type and what became of them")
        .tag("data_type", dataType).tag("outcome", outcome).register(metrics).increment();
  }
}
