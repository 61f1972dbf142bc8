package io.corridor.tracking.positions;

import io.corridor.events.Position;
import io.corridor.events.bus.BusAddresses;
import io.corridor.events.bus.StoredPositions;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.IngestOptions;
import io.corridor.ingest.WriterMetrics;
import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.tracking.osmand.OsmAndDecoder;
import io.corridor.tracking.mqtt.MqttRouter;
import io.corridor.tracking.osmand.OsmAndHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The services behind every position entry point, built once per node: the positions writer
 * (group commit; the positions each commit newly stored are then published as one message on
 * {@link BusAddresses#POSITIONS_STORED}, local to this node), validation, the jump check, tracker authentication and the OsmAnd handler.
 * Plain wiring, so tests build exactly what a node runs.
 */
public final class TrackingServices implements AutoCloseable {

  private final TrackingOptions tracking;
  private final IngestOptions ingest;
  private final LegacyTrackers legacy = new LegacyTrackers();
  private final TrackerAuthenticator auth;
  private final GroupCommitWriter<Position> writer;
  private final PositionService positions;
  private final OsmAndHandler osmand;
  private final PositionsRoutes routes;
  private final MqttRouter mqtt;
  private final MeterRegistry metrics;
  private final DataSource dataSource;

  /**
   * @param repairPartitions called when a position finds no daily partition, before one retry
   */
  public TrackingServices(Vertx vertx, DataSource dataSource, DeviceRegistry devices, TrackingOptions tracking,
      IngestOptions ingest, Runnable repairPartitions, MeterRegistry metrics, Clock clock) {
    this(vertx, dataSource, devices, tracking, ingest, repairPartitions, metrics, clock, PositionRows.sink());
  }

  /**
   * @param sink what the writer commits each group with (the positions, and on a node the cargo
   *     outbox rows beside them: {@link PositionOutboxSink})
   */
  public TrackingServices(Vertx vertx, DataSource dataSource, DeviceRegistry devices, TrackingOptions tracking,
      IngestOptions ingest, Runnable repairPartitions, MeterRegistry metrics, Clock clock,
      io.corridor.ingest.BatchSink<Position> sink) {
    this.tracking = tracking;
    this.ingest = ingest;
    this.dataSource = dataSource;
    this.auth = new TrackerAuthenticator(devices, legacy);
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    this.writer = new GroupCommitWriter<>("positions", dataSource, sink,
        stored -> vertx.eventBus().publish(BusAddresses.POSITIONS_STORED, new StoredPositions(stored), local),
        repairPartitions, new WriterMetrics(metrics, "positions", "Rows", "answered 503 or not acknowledged"), tracking.queueCapacity(), tracking.commitBatch(),
        tracking.writerThreads(), ingest.retryAfter(), clock).fillWhileBusy(tracking.writerFill());
    metrics.gauge("corridor_positions_queued", writer, GroupCommitWriter::queuedEvents);
    this.positions = new PositionService(
        new PositionValidator(clock, ingest.clockSkew(), ingest.maxAge(), tracking.maxSpeedKmh()),
        new JumpCheck(tracking.maxSpeedKmh()), writer, tracking.maxBatch(), ingest.writeTimeout(), ingest.retryAfter());
    this.osmand = new OsmAndHandler(auth, positions, new OsmAndDecoder(clock, tracking.speedUnit()), ingest.retryAfter());
    this.routes = new PositionsRoutes(auth, positions, ingest.maxBodyBytes(), tracking.maxBatch(), ingest.retryAfter());
    this.mqtt = new MqttRouter(positions, tracking.maxBatch());
    this.metrics = metrics;
  }

  /** Reloads the legacy trackers. Blocking. */
  public void reloadLegacy() throws java.sql.SQLException {
    legacy.reload(dataSource);
  }

  public TrackingOptions trackingOptions() { return tracking; }

  public IngestOptions ingestOptions() { return ingest; }

  public TrackerAuthenticator authenticator() { return auth; }

  public PositionService positions() { return positions; }

  public OsmAndHandler osmand() { return osmand; }

  public PositionsRoutes routes() { return routes; }

  /** What each MQTT topic means and where it is stored. */
  public MqttRouter mqtt() { return mqtt; }

  public MeterRegistry metrics() { return metrics; }

  /** Commits what is queued and stops the writer. */
  @Override
  public void close() {
    writer.close();
    positions.close();
  }
}
