package io.corridor.tracking.drones;

import io.corridor.events.DroneTelemetry;
import io.corridor.events.PlateRead;
import io.corridor.events.bus.BusAddresses;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.IngestOptions;
import io.corridor.ingest.PlateReadSink;
import io.corridor.ingest.ReadValidator;
import io.corridor.platform.FrameIntake;
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
import javax.sql.DataSource;

/**
 * Drones over MQTT: telemetry into {@code drone_telemetry} and detections into {@code plate_reads},
 * each with its own group-commit writer; a detection's frame goes through the node's frame pipeline
 * ({@link FrameIntake}), so drone frames share the node's recognizer, read grouping and evidence cache
 * with camera frames.
 */
public final class DroneServices implements AutoCloseable {

  private final GroupCommitWriter<DroneTelemetry> telemetryWriter;
  private final GroupCommitWriter<PlateRead> readsWriter;
  private final DroneService telemetry;
  private final DroneDetections detections;

  /**
   * Builds the writers.
   *
   * @param frames the node's frame pipeline, or {@code null} where there is none (frames are then not acknowledged)
   * @param readOutboxes committed with the plates drones read on board, as with camera reads (the node's)
   */
  public DroneServices(Vertx vertx, DataSource dataSource, DeviceRegistry devices, PlateProtector protector,
      TrackingOptions tracking, IngestOptions ingest, FrameIntake frames, Runnable repairPartitions,
      MeterRegistry metrics, Clock clock, io.corridor.storage.outbox.ReadOutboxes readOutboxes) {
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
    detections = new DroneDetections(validator, readsWriter, frames, ingest.writeTimeout(), ingest.retryAfter());
  }

  /** Adds the drone topics to {@code router}. */
  public void route(MqttRouter router) {
    DroneTelemetryDecoder decoder = new DroneTelemetryDecoder();
    router.on(MqttTopic.Kind.DRONE_TELEMETRY, (drone, key, payload) -> telemetry.accept(drone, decoder.decode(payload)));
    router.on(MqttTopic.Kind.DRONE_DETECTION, detections::accept);
    DjiOsdDecoder dji = new DjiOsdDecoder();
    router.on(MqttTopic.Kind.DJI_OSD, (drone, key, payload) -> telemetry.accept(drone, dji.decode(payload)));
  }

  @Override
  public void close() {
    telemetryWriter.close();
    readsWriter.close();
  }
}
