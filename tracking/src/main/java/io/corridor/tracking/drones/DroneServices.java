package io.corridor.tracking.drones;

import io.corridor.anpr.EngineSettings;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognizerRegistry;
import io.corridor.events.DroneTelemetry;
import io.corridor.events.PlateRead;
import io.corridor.events.bus.BusAddresses;
import io.corridor.ingest.FrameOptions;
import io.corridor.ingest.FrameService;
import io.corridor.ingest.ReadFilter;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.ImmediateFrameReads;
import io.corridor.ingest.IngestOptions;
import io.corridor.ingest.PlateReadSink;
import io.corridor.ingest.ReadValidator;
import io.corridor.ingest.evidence.FrameCache;
import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.storage.PlateProtector;
import io.corridor.tracking.mqtt.MqttRouter;
import io.corridor.tracking.mqtt.MqttTopic;
import io.corridor.tracking.positions.TrackingOptions;
import io.corridor.ingest.WriterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Drones over MQTT: telemetry into {@code drone_telemetry} and detections into {@code plate_reads}
 * (through the plate recognizer when they carry a frame), each with its own group-commit writer.
 * The recognizer is loaded on the first frame a drone sends, so nodes without drone frames never
 * pay for it; reads from drone frames are not kept in the node's evidence cache.
 */
public final class DroneServices implements AutoCloseable {

  private final GroupCommitWriter<DroneTelemetry> telemetryWriter;
  private final GroupCommitWriter<PlateRead> readsWriter;
  private final DroneService telemetry;
  private final DroneDetections detections;
  private final FrameOptions frameOptions;
  private PlateRecognizer recognizer;
  private ExecutorService recognitionPool;
  private FrameService frameService;
  private boolean frameServiceBuilt;

  /** Builds the writers; nothing is loaded until used. */
  public DroneServices(Vertx vertx, DataSource dataSource, DeviceRegistry devices, PlateProtector protector,
      TrackingOptions tracking, IngestOptions ingest, FrameOptions frameOptions, Runnable repairPartitions,
      MeterRegistry metrics, Clock clock) {
    this(vertx, dataSource, devices, protector, tracking, ingest, frameOptions, repairPartitions, metrics, clock,
        new io.corridor.storage.outbox.ReadOutboxes());
  }

  /** As above; drones' plate reads commit with {@code readOutboxes} (the node's, as camera reads do). */
  public DroneServices(Vertx vertx, DataSource dataSource, DeviceRegistry devices, PlateProtector protector,
      TrackingOptions tracking, IngestOptions ingest, FrameOptions frameOptions, Runnable repairPartitions,
      MeterRegistry metrics, Clock clock, io.corridor.storage.outbox.ReadOutboxes readOutboxes) {
    this.frameOptions = frameOptions;
    telemetryWriter = new GroupCommitWriter<>("drone-telemetry", dataSource, DroneRows.sink(), stored -> {},
        repairPartitions, new WriterMetrics(metrics, "drone_telemetry", "Rows", "answered 503 or not acknowledged"), tracking.queueCapacity(), tracking.commitBatch(), 1,
        ingest.retryAfter(), clock);
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    readsWriter = new GroupCommitWriter<>("drone-reads", dataSource, new PlateReadSink(protector, readOutboxes),
        stored -> stored.forEach(read -> vertx.eventBus().publish(BusAddresses.READS_STORED, read, local)),
        repairPartitions, new WriterMetrics(metrics, "drone_reads", "Rows", "answered 503 or not acknowledged"), tracking.queueCapacity(), tracking.commitBatch(), 1,
        ingest.retryAfter(), clock);
    telemetry = new DroneService(telemetryWriter, clock, ingest.clockSkew(), ingest.maxAge(), ingest.writeTimeout(),
        ingest.retryAfter());
    ReadValidator validator = new ReadValidator(devices, clock, ingest.clockSkew(), ingest.maxAge());
    detections = new DroneDetections(validator, readsWriter,
        () -> frames(devices, validator, ingest, clock), ingest.writeTimeout(), ingest.retryAfter());
  }

  /** Adds the drone topics to {@code router}. */
  public void route(MqttRouter router) {
    DroneTelemetryDecoder decoder = new DroneTelemetryDecoder();
    router.on(MqttTopic.Kind.DRONE_TELEMETRY, (drone, key, payload) -> telemetry.accept(drone, decoder.decode(payload)));
    router.on(MqttTopic.Kind.DRONE_DETECTION, detections::accept);
    DjiOsdDecoder dji = new DjiOsdDecoder();
    router.on(MqttTopic.Kind.DJI_OSD, (drone, key, payload) -> telemetry.accept(drone, dji.decode(payload)));
  }

  private synchronized FrameService frames(DeviceRegistry devices, ReadValidator validator, IngestOptions ingest, Clock clock) {
    if (!frameServiceBuilt) {
      frameServiceBuilt = true;
      if (!frameOptions.engine().equals("none")) {
        recognizer = RecognizerRegistry.standard().create(frameOptions.engine(), EngineSettings.defaults());
        recognitionPool = new ThreadPoolExecutor(1, frameOptions.workers(), 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(frameOptions.queueCapacity()), Thread.ofPlatform().name("drone-anpr-", 0).daemon().factory());
        frameService = new FrameService(devices, validator, recognizer, recognitionPool, ingest,
            new ImmediateFrameReads(readsWriter, ingest.writeTimeout(), ingest.retryAfter()),
            new FrameCache(0, 1, java.time.Duration.ofSeconds(1), clock),
            ReadFilter.standard(frameOptions.minConfidence(), frameOptions.minConfidenceUnformatted()));
      }
    }
    return frameService;
  }

  @Override
  public synchronized void close() {
    if (recognitionPool != null) {
      recognitionPool.shutdownNow();
    }
    if (recognizer != null) {
      recognizer.close();
    }
    telemetryWriter.close();
    readsWriter.close();
  }
}
