package io.corridor.api;

import io.corridor.config.Settings;
import io.corridor.api.openapi.ApiContract;
import io.corridor.api.openapi.ContractUsers;
import io.corridor.events.http.ErrorResponse;
import io.corridor.platform.ModuleParts;
import io.corridor.platform.NodeContext;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.storage.AuditLog;
import io.corridor.storage.Database;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.PrivacyOptions;
import io.corridor.storage.StorageOptions;
import io.corridor.testkit.FreePorts;
import io.corridor.testkit.MutableClock;
import io.corridor.testkit.TestDatabase;
import io.corridor.testkit.TestKeys;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The lawful-access module wired from real parts, as the node wires it: a migrated embedded
 * PostgreSQL, Vert.x, HS256 tokens, the module's routes on a real HTTP server and its verticle.
 * Clocks are a {@link MutableClock} so warrants can expire and partitions age.
 */
public final class LawfulFixture implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  public final Settings settings;
  public final Database database;
  public final PlateProtector protector;
  public final AuditLog audit;
  public final Tokens tokens;
  public final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  public final StorageOptions storage;
  private final Vertx vertx;
  private final int port;

  /** Starts everything; {@code overrides} change settings. */
  public LawfulFixture(String name, Map<String, String> overrides) throws Exception {
    Map<String, String> values = new HashMap<>(TestKeys.settings());
    values.put("db.url", TestDatabase.fresh(name));
    values.put("retention.interval", "1h");
    values.putAll(overrides);
    settings = Settings.of(values);
    storage = new StorageOptions(settings);
    database = Database.open(storage);
    database.migrate(false);
    partitions().run();
    protector = new PrivacyOptions(settings).protector();
    audit = new AuditLog(database.dataSource(), clock);
    vertx = Vertx.vertx();
    tokens = new Tokens(vertx, new ApiOptions(settings));
    // As on the node: requests are validated against openapi.yaml after the role check.
    ContractUsers users = new ContractUsers(tokens, await(ApiContract.load(vertx)));
    NodeContext context = new NodeContext(settings, vertx, null, database, protector, audit, users, new DeviceRegistry(),
        null, metrics, clock);
    ModuleParts parts = new LawfulAccessModule().wire(context);
    for (ModuleParts.VerticleSpec spec : parts.verticles()) {
      await(vertx.deployVerticle(spec.factory(), spec.options()));
    }
    Router router = Router.router(vertx);
    parts.routes().forEach(mount -> mount.accept(router));
    router.errorHandler(401, ctx -> ErrorResponse.send(ctx.response(), 401, "unauthenticated", null, "token required"));
    router.errorHandler(403, ctx -> ErrorResponse.send(ctx.response(), 403, "forbidden", null, "role not allowed"));
    router.errorHandler(400, ctx -> ErrorResponse.send(ctx.response(), 400, "bad_request", null, "request could not be read"));
    port = FreePorts.next();
    await(vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
  }

  /** Partition maintenance on the fixture's clock, accepting reads 25 days back. */
  public PartitionMaintenance partitions() {
    return new PartitionMaintenance(database.dataSource(), storage.retention(), 3, Duration.ofDays(25), clock);
  }

  /** A token for {@code subject} in {@code role}. */
  public String token(String subject, Role role) {
    return tokens.mint(subject, role, Duration.ofMinutes(10));
  }

  /** POSTs {@code body} as JSON. */
  public HttpResponse<String> post(String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code path}. */
  public HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Stores a read as ingest does (blind index + ciphertext); returns its id. */
  public String read(String device, String plate, Instant at, Double lat, Double lon) throws Exception {
    UUID id = UUID.randomUUID();
    try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO plate_reads (event_id, device_id, event_time, received_time, plate_hash, plate_ct, country,
                                 confidence, lat, lon, lane, frame_ids) VALUES (?, ?, ?, ?, ?, ?, 'XK', 0.9, ?, ?, 1, '{}')""")) {
      ps.setObject(1, id);
      ps.setString(2, device);
      ps.setTimestamp(3, Timestamp.from(at));
      ps.setTimestamp(4, Timestamp.from(at));
      ps.setBytes(5, protector.hash(plate));
      ps.setBytes(6, protector.encrypt(plate));
      ps.setObject(7, lat);
      ps.setObject(8, lon);
      ps.executeUpdate();
    }
    return id.toString();
  }

  /** Registers a camera at a position. */
  public void camera(String id, double lat, double lon) throws Exception {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO devices (device_id, kind, key_sha256, name, lat, lon) VALUES (?, 'camera', '\\x00', ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, id);
      ps.setDouble(3, lat);
      ps.setDouble(4, lon);
      ps.executeUpdate();
    }
  }

  /** Registers a drone: no location of its own, its reads carry where it was. */
  public void drone(String id) throws Exception {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO devices (device_id, kind, key_sha256, name) VALUES (?, 'drone', '\\x00', ?)")) {
      ps.setString(1, id);
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }

  /** Runs one SQL statement. */
  public void sql(String statement) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  /** The single number {@code query} selects. */
  public long count(String query) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    database.close();
  }
}
