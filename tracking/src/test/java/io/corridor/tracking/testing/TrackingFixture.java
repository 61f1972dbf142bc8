package io.corridor.tracking.testing;

import io.corridor.config.Settings;
import io.corridor.events.AvroTrust;
import io.corridor.events.Position;
import io.corridor.events.bus.BusAddresses;
import io.corridor.events.bus.StoredPositions;
import io.corridor.events.bus.EventBusSetup;
import io.corridor.anpr.EngineSettings;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognizerRegistry;
import io.corridor.events.PlateRead;
import io.corridor.ingest.FrameService;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.ImmediateFrameReads;
import io.corridor.ingest.IngestOptions;
import io.corridor.ingest.PlateReadSink;
import io.corridor.ingest.ReadFilter;
import io.corridor.ingest.ReadValidator;
import io.corridor.ingest.WriterMetrics;
import io.corridor.ingest.evidence.FrameCache;
import io.corridor.storage.outbox.ReadOutboxes;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.storage.Database;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.StorageOptions;
import io.corridor.ingest.FrameOptions;
import io.corridor.storage.PrivacyOptions;
import io.corridor.testkit.TestKeys;
import io.corridor.tracking.drones.DroneServices;
import io.corridor.tracking.mqtt.MqttVerticle;
import io.corridor.tracking.osmand.OsmAndVerticle;
import io.corridor.tracking.positions.LegacyTrackers;
import io.corridor.tracking.positions.TrackingOptions;
import io.corridor.tracking.positions.TrackingServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a node runs for positions, on real servers: a migrated PostgreSQL database, Vert.x with the
 * Avro codec, the positions writer, {@code /v1/positions} on an HTTP port and the OsmAnd server on
 * another, both on free loopback ports. Collects what is sent on {@code corridor.positions.stored}.
 */
public final class TrackingFixture implements AutoCloseable {

  public static final String TRACKER = "trk-durres-01";
  public static final String TRACKER_KEY = "trk-key-for-tests-only";
  public static final String OTHER = "trk-medical-02";
  public static final String OTHER_KEY = "trk-other-key-for-tests";
  public static final String LEGACY = "trk-legacy-01";
  public static final String LEGACY_KEY = "trk-legacy-key-for-tests";
  public static final String REVOKED = "trk-revoked";
  public static final String REVOKED_KEY = "trk-revoked-key-for-tests";
  public static final String CAMERA = "cam-test-01";
  public static final String CAMERA_KEY = "cam-key-for-tests-only";
  public static final String DRONE = "drn-test-01";
  public static final String DRONE_KEY = "drn-key-for-tests-only";

  public final Database database;
  public final Vertx vertx;
  public final TrackingServices services;
  public final DeviceRegistry devices = new DeviceRegistry();
  public final List<Position> stored = new CopyOnWriteArrayList<>();
  public final List<io.corridor.events.PlateRead> reads = new CopyOnWriteArrayList<>();
  public final DroneServices drones;
  public final int httpPort;
  public final int osmandPort;
  public final int mqttPort;
  public final Settings settings;
  private final GroupCommitWriter<PlateRead> frameReads;
  private final PlateRecognizer recognizer;
  private final ExecutorService recognitionPool;

  private TrackingFixture(String jdbcUrl, Clock clock, Map<String, String> overrides) throws Exception {
    AvroTrust.trustEventPackages();
    Map<String, String> values = new HashMap<>(TestKeys.settings());
    values.put("db.url", jdbcUrl);
    values.put("anpr.engine", "none");
    values.put("tracking.osmand.port", "0");
    values.put("mqtt.port", "0");
    values.putAll(overrides);
    settings = Settings.of(values);
    StorageOptions storage = new StorageOptions(settings);
    IngestOptions ingest = new IngestOptions(settings);
    database = Database.open(storage);
    database.migrate(false);
    PartitionMaintenance partitions = new PartitionMaintenance(database.dataSource(), storage.retention(),
        storage.partitionsAhead(), ingest.maxAge(), clock);
    partitions.run();
    registerDevices();
    vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(2).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    EventBusSetup.registerAvroCodec(vertx.eventBus());
    vertx.eventBus().<StoredPositions>localConsumer(BusAddresses.POSITIONS_STORED,
        m -> stored.addAll(m.body().positions()));
    vertx.eventBus().<io.corridor.events.PlateRead>localConsumer(BusAddresses.READS_STORED, m -> reads.add(m.body()));
    services = new TrackingServices(vertx, database.dataSource(), devices, new TrackingOptions(settings), ingest,
        () -> {
          try {
            partitions.run();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }, new SimpleMeterRegistry(), clock);
    services.reloadLegacy();
    // A frame pipeline as the node builds one for /v1/frames (reads committed at once, no evidence kept).
    FrameOptions frameOptions = new FrameOptions(settings);
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    frameReads = new GroupCommitWriter<>("frame-reads", database.dataSource(),
        new PlateReadSink(new PrivacyOptions(settings).protector(), new ReadOutboxes()),
        batch -> batch.forEach(read -> vertx.eventBus().publish(BusAddresses.READS_STORED, read, local)), () -> { },
        new WriterMetrics(new SimpleMeterRegistry(), "frame_reads", "Reads", "answered 503"), ingest.queueCapacity(),
        ingest.commitBatch(), 1, ingest.retryAfter(), clock);
    recognizer = frameOptions.engine().equals("none") ? null
        : RecognizerRegistry.standard().create(frameOptions.engine(), EngineSettings.defaults());
    recognitionPool = Executors.newSingleThreadExecutor();
    FrameService frames = new FrameService(devices, new ReadValidator(devices, clock, ingest.clockSkew(), ingest.maxAge()),
        recognizer, recognitionPool, ingest, new ImmediateFrameReads(frameReads, ingest.writeTimeout(), ingest.retryAfter()),
        new FrameCache(0, 1, Duration.ofSeconds(1), clock),
        ReadFilter.standard(frameOptions.minConfidence(), frameOptions.minConfidenceUnformatted()));
    drones = new DroneServices(vertx, database.dataSource(), devices, new PrivacyOptions(settings).protector(),
        services.trackingOptions(), ingest, recognizer == null ? null : frames, () -> { }, new SimpleMeterRegistry(),
        clock, new ReadOutboxes());
    drones.route(services.mqtt());
    Router router = Router.router(vertx);
    services.routes().mount(router);
    httpPort = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    AtomicInteger bound = new AtomicInteger();
    await(vertx.deployVerticle(new OsmAndVerticle("127.0.0.1", 0, ingest.maxBodyBytes(),
        services.trackingOptions().osmandTls(), services.osmand(), bound::set)));
    osmandPort = bound.get();
    TrackingOptions tracking = services.trackingOptions();
    await(vertx.deployVerticle(new MqttVerticle("127.0.0.1", 0, tracking.mqttMaxMessageBytes(), tracking.mqttTls(),
        services.authenticator(),
        services.mqtt(), services.metrics(), bound::set)));
    mqttPort = bound.get();
  }

  /** A fixture on a fresh database of the shared test server. */
  public static TrackingFixture start(Clock clock) throws Exception {
    return new TrackingFixture(io.corridor.testkit.TestDatabase.fresh("tracking"), clock, Map.of());
  }

  /** A fixture on {@code jdbcUrl} with extra settings. */
  public static TrackingFixture start(String jdbcUrl, Clock clock, Map<String, String> overrides) throws Exception {
    return new TrackingFixture(jdbcUrl, clock, overrides);
  }

  private void registerDevices() throws SQLException {
    DeviceRepository repo = new DeviceRepository(database.dataSource());
    repo.register(TRACKER, "tracker", TRACKER_KEY, "fuel tanker tracker", null, null);
    repo.register(OTHER, "tracker", OTHER_KEY, "medical reefer tracker", null, null);
    repo.register(LEGACY, "tracker", LEGACY_KEY, "old tracker without key", null, null);
    LegacyTrackers.mark(database.dataSource(), LEGACY, true);
    repo.register(REVOKED, "tracker", REVOKED_KEY, "retired tracker", null, null);
    repo.revoke(REVOKED);
    repo.register(CAMERA, "camera", CAMERA_KEY, "camera", 42.0, 20.0);
    repo.register(DRONE, "drone", DRONE_KEY, "patrol drone", null, null);
    devices.replace(repo.loadAll());
  }

  /** The single number {@code sql} selects. */
  public long count(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Waits up to 5 s for {@code n} positions on the bus. */
  /**
   * Waits (at most 5 s) until {@code n} positions that {@code which} accepts were handed on: the
   * bus message follows the commit's answer, and other tests' positions count for nothing here.
   */
  public void awaitStored(java.util.function.Predicate<Position> which, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (stored.stream().filter(which).count() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  public static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
    drones.close();
    recognitionPool.shutdownNow();
    frameReads.close();
    if (recognizer != null) {
      recognizer.close();
    }
    services.close();
    database.close();
  }
}
