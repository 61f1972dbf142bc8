package io.corridor.node;

import io.corridor.platform.devices.Device;

import io.corridor.config.Settings;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.storage.DailyPartition;
import io.corridor.storage.TimeSeriesTable;
import io.corridor.testkit.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.corridor.events.PlateRead;

/** Starts real nodes against a real database and talks to them over real HTTP. */
final class NodeFixture {

  static final String CAMERA = "cam-test-01";
  static final String CAMERA_KEY = "camera-key-for-tests-only";
  static final String OTHER_CAMERA = "cam-test-02";
  static final String OTHER_KEY = "other-key-for-tests-only";
  static final String REVOKED = "cam-revoked";
  static final String REVOKED_KEY = "revoked-key-for-tests-only";
  static final String TRACKER = "trk-test-01";
  static final String TRACKER_KEY = "tracker-key-for-tests-only";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private NodeFixture() {}

  /** Node settings for tests: any free HTTP port, a cluster of its own name, test keys. */
  static Settings settings(String dbUrl, String clusterName, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(TestKeys.settings());
    values.put("db.url", dbUrl);
    values.put("cluster.name", clusterName);
    values.put("http.port", "0");
    values.put("http.instances", "1");
    // Nodes under test share the machine: the OsmAnd and MQTT servers take free ports too.
    values.put("tracking.osmand.port", "0");
    values.put("mqtt.port", "0");
    values.put("ingest.devices.reload-interval", "1s");
    values.put("rules.hotlist.reload-interval", "1s");
    // Loading the recognizer's natives costs seconds; only the frame tests ask for it.
    values.put("anpr.engine", "none");
    values.putAll(overrides);
    return Settings.of(values);
  }

  static String uniqueCluster() {
    return "corridor-test-" + UUID.randomUUID();
  }

  /** Registers the test devices and makes {@code node} see them now. */
  static void registerDevices(CorridorNode node) throws Exception {
    DeviceRepository repo = new DeviceRepository(node.database().dataSource());
    repo.register(CAMERA, "camera", CAMERA_KEY, "test camera", 42.66, 21.16);
    repo.register(OTHER_CAMERA, "camera", OTHER_KEY, "second test camera", 42.67, 21.17);
    repo.register(REVOKED, "camera", REVOKED_KEY, "retired camera", null, null);
    repo.revoke(REVOKED);
    repo.register(TRACKER, "tracker", TRACKER_KEY, "cargo tracker", null, null);
    node.reloadDevices();
  }

  /** The single number {@code sql} selects, read from {@code node}'s database. */
  static long count(CorridorNode node, String sql) throws java.sql.SQLException {
    try (java.sql.Connection c = node.database().dataSource().getConnection();
        java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Stores a bare position of {@code tracker} (42.0, 21.0) at each of {@code times}, creating the
   * days' partitions: tests write days no node has been up for.
   */
  static void positions(CorridorNode node, String tracker, List<java.time.Instant> times) throws Exception {
    try (java.sql.Connection c = node.database().dataSource().getConnection();
        java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO positions (event_id, device_id, event_time,"
            + " received_time, lat, lon) VALUES (gen_random_uuid(), ?, ?, ?, 42.0, 21.0)")) {
      for (java.time.Instant at : times) {
        DailyPartition p = new DailyPartition(TimeSeriesTable.POSITIONS, LocalDate.ofInstant(at, ZoneOffset.UTC));
        try (java.sql.Statement st = c.createStatement()) {
          st.execute("CREATE TABLE IF NOT EXISTS " + p.name() + " PARTITION OF positions FOR VALUES FROM ('" + p.from()
              + "') TO ('" + p.until() + "')");
        }
        ps.setString(1, tracker);
        ps.setTimestamp(2, java.sql.Timestamp.from(at));
        ps.setTimestamp(3, java.sql.Timestamp.from(at));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Stores a cargo alert of {@code shipment}: {@code kind}, opened at {@code at}, closed ten minutes later. */
  static void cargoAlert(CorridorNode node, String shipment, String kind, String reason, java.time.Instant at)
      throws Exception {
    try (java.sql.Connection c = node.database().dataSource().getConnection();
        java.sql.PreparedStatement ps = c.prepareStatement("""
            INSERT INTO cargo_alerts (alert_id, shipment_id, kind, alert_key, severity, opened_at, closed_at, raised_at, reason)
            VALUES (gen_random_uuid(), ?::uuid, ?, '', 'HIGH', ?, ?, ?, ?)""")) {
      ps.setString(1, shipment);
      ps.setString(2, kind);
      ps.setTimestamp(3, java.sql.Timestamp.from(at));
      ps.setTimestamp(4, java.sql.Timestamp.from(at.plusSeconds(600)));
      ps.setTimestamp(5, java.sql.Timestamp.from(at));
      ps.setString(6, reason);
      ps.executeUpdate();
    }
  }

  static HttpResponse<String> postReads(CorridorNode node, String deviceId, String key, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/v1/reads"))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (deviceId != null) {
      request.header("X-Device-Id", deviceId);
    }
    if (key != null) {
      request.header("X-Device-Key", key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> postJson(CorridorNode node, String json) throws IOException, InterruptedException {
    return postReads(node, CAMERA, CAMERA_KEY, "application/json", json.getBytes());
  }

  static HttpResponse<String> get(CorridorNode node, String path, String bearer) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .timeout(Duration.ofSeconds(30)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs a JSON body as a user with {@code bearer} (may be null). */
  static HttpResponse<String> postAs(CorridorNode node, String path, String bearer, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** PUTs a document as a user with {@code bearer}. */
  static HttpResponse<String> putAs(CorridorNode node, String path, String bearer, String body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + bearer)
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs a JSON body as device {@code deviceId} (headers left out when null). */
  static HttpResponse<String> postAsDevice(CorridorNode node, String path, String deviceId, String key, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (deviceId != null) {
      request.header("X-Device-Id", deviceId).header("X-Device-Key", key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static byte[] avroContainer(List<PlateRead> reads) throws IOException {
    return DemoFeed.avroBody(reads);
  }
}
