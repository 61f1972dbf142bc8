package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.api.ApiOptions;
import io.corridor.api.Tokens;
import io.corridor.config.Settings;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.storage.Database;
import io.corridor.storage.StorageOptions;
import io.corridor.testkit.FreePorts;
import io.corridor.testkit.NodeProcess;
import io.corridor.testkit.TestDatabase;
import io.corridor.testkit.TestKeys;
import io.corridor.tracking.JourneyScript;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Durrës–Prishtina journey across two node processes (separate JVMs, {@code Main run}): node A
 * only stores positions and plate reads (it judges none), node B judges. The middle of the journey
 * goes to A, fixes and plate reads alike: the tanker's plate read in Tirana far from its tracker
 * (the scripted {@code PLATE_SEEN_OFF_ROUTE}) and its reads at Kukës and at the declared Morinë
 * crossing (without which B would raise {@code CROSSING_NOT_READ}), plus a read of a plate no
 * shipment carries; right after A acknowledged the last of them it is killed with SIGKILL. Its
 * positions and its truck plate reads were committed with their cargo outbox rows (a row per commit
 * of positions, a row per truck read), leased to A (the other read got none). When A leaves the
 * cluster B ends A's leases and claims the rows at its next poll, long before A's lease (60 s) would
 * have run out, and the journey ends with exactly the scripted alerts, none lost, none doubled.
 */
class CargoNodeKillIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration A_LEASE = Duration.ofSeconds(60);
  /** Positions and plate reads in the cargo outbox: the groups' positions, and the single rows (truck reads). */
  private static final String PENDING = "SELECT (SELECT count(*) FROM cargo_outbox)"
      + " + (SELECT coalesce(sum(cardinality(event_ids)), 0) FROM cargo_outbox_groups)";

  @Test
  void positionsAcknowledgedByANodeKilledBeforeItJudgedThemAreJudgedByTheOtherExactlyOnce() throws Exception {
    String db = TestDatabase.fresh("cargo_kill");
    Path logs = Files.createDirectories(Path.of("target", "cargo-kill-" + System.currentTimeMillis()));
    int clusterPort = FreePorts.run(2);
    String cluster = NodeFixture.uniqueCluster();
    // A's rows are leased to it longer than sending its part takes even on a loaded machine, so B
    // claims none of them while A lives (B's own lease stays short)
    NodeProcess a = node("node-a", db, cluster, clusterPort, logs, Map.of("CORRIDOR_TRACKING_OUTBOX_CONSUME", "false",
        "CORRIDOR_TRACKING_OUTBOX_LEASE", A_LEASE.toSeconds() + "s"));
    NodeProcess b = node("node-b", db, cluster, clusterPort, logs, Map.of());
    Vertx vertx = Vertx.vertx();
    try (Database database = Database.open(new StorageOptions(Settings.of(Map.of("db.url", db))))) {
      a.start();
      assertThat(a.awaitReady(1, Duration.ofSeconds(120))).as("node-a ready; see " + logs).isTrue();
      b.start();
      assertThat(b.awaitReady(2, Duration.ofSeconds(120))).as("node-b joined; see " + logs).isTrue();
      String token = new Tokens(vertx, new ApiOptions(Settings.of(TestKeys.settings())))
          .mint("customs-kill", Role.CUSTOMS, Duration.ofMinutes(30));

      JourneyScript draft = CargoIT.journey(Instant.EPOCH);
      Duration length = draft.shipments().stream().map(draft::end).max(Instant::compareTo)
          .map(e -> Duration.between(draft.start(), e)).orElseThrow();
      JourneyScript script = CargoIT.journey(Instant.now().minus(length).minus(Duration.ofMinutes(5)));
      DeviceRepository devices = new DeviceRepository(database.dataSource());
      for (var camera : script.cameras().entrySet()) {
        devices.register(camera.getKey(), "camera", CargoJourneyIT.key(camera.getKey()), camera.getKey(),
            camera.getValue().lat(), camera.getValue().lon());
      }
      Map<String, String> ids = new HashMap<>();
      for (String name : script.shipments()) {
        devices.register(script.tracker(name), "tracker", CargoJourneyIT.key(script.tracker(name)), name, null, null);
        HttpResponse<String> declared = call(b, "POST", "/v1/shipments", script.declaration(name).encode(), token);
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        ids.put(name, new JsonObject(declared.body()).getString("id"));
      }
      for (String id : ids.values()) {
        assertThat(call(b, "POST", "/v1/shipments/" + id + "/release", null, token).statusCode()).isEqualTo(200);
      }
      Thread.sleep(2500); // both nodes reload the devices every second

      List<JourneyScript.Event> events = script.events();
      List<Integer> reads = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i) instanceof JourneyScript.Read) {
          reads.add(i);
        }
      }
      int from = Math.min(events.size() / 3, reads.getFirst() - 5); // A takes every plate read of the journey
      int to = reads.getLast() + 2;
      int toA = 0;
      int readsToA = 0;
      for (int i = 0; i < from; i++) {
        send(b, events.get(i));
      }
      assertThat(count(database, "SELECT count(*) FROM cargo_alerts")).as("B raised alerts before A's part").isPositive();
      for (int i = from; i < to; i++) {
        JourneyScript.Event e = events.get(i);
        send(a, e);
        toA += e instanceof JourneyScript.Fix ? 1 : 0;
        readsToA += e instanceof JourneyScript.Read ? 1 : 0;
      }
      JourneyScript.Read passerBy = (JourneyScript.Read) events.get(reads.getFirst());
      send(a, new JourneyScript.Read(passerBy.shipment(), "TR 999 ZZ", passerBy.cameraId(), passerBy.time(), passerBy.at()));
      assertThat(readsToA).as("the truck's plate reads go to A").isEqualTo(reads.size());
      assertThat(count(database, PENDING)).as("A's positions and truck reads: stored, not judged")
          .isEqualTo(toA + readsToA);
      assertThat(count(database, "SELECT count(*) FROM cargo_outbox o JOIN plate_reads r USING (event_id, event_time)"))
          .as("only the reads of a shipment's truck have cargo outbox rows").isEqualTo(readsToA);
      // the lease of the last row A stored, about A_LEASE from now: without its end B would wait that long
      Instant aLeaseEnds = instant(database, "SELECT greatest((SELECT max(lease_until) FROM cargo_outbox),"
          + " (SELECT max(lease_until) FROM cargo_outbox_groups))");
      a.kill();

      int claimed = toA + readsToA;
      CargoIT.waitUntil(() -> count(database, PENDING) == 0, (int) A_LEASE.toSeconds() + 60,
          () -> "cargo outbox rows left after A's lease ran out");
      assertThat(Instant.now()).as("B judged A's rows once A left the cluster, not after A's lease").isBefore(aLeaseEnds);
      assertThat(metric(b, "corridor_cargo_outbox_claimed_total")).as("B judged A's positions and reads from the table")
          .isGreaterThanOrEqualTo(claimed);
      for (int i = to; i < events.size(); i++) {
        send(b, events.get(i));
      }
      CargoIT.waitUntil(() -> metric(b, "corridor_cargo_in_flight") == 0 && count(database,
          PENDING) == 0, 60, () -> "B still judging");
      for (String id : ids.values()) {
        HttpResponse<String> arrived = call(b, "POST", "/v1/shipments/" + id + "/arrive", null, token);
        assertThat(arrived.statusCode()).as(arrived.body()).isEqualTo(200);
      }

      List<String> expected = script.expected().stream().map(JsonObject.class::cast)
          .map(x -> ids.get(x.getString("shipment")) + " " + x.getString("kind")).toList();
      CargoIT.assertClosedAlerts(ids.values(), id -> call(b, "GET", "/v1/shipments/" + id + "/alerts", null, token).body(), expected);
      assertThat(count(database, "SELECT count(*) FROM cargo_alerts")).as("none doubled").isEqualTo(expected.size());
      long fixes = events.stream().filter(e -> e instanceof JourneyScript.Fix).count();
      assertThat(count(database, "SELECT count(*) FROM positions")).as("every fix stored once").isEqualTo(fixes);
    } finally {
      a.kill();
      b.stop();
      vertx.close();
    }
  }

  private static NodeProcess node(String name, String db, String cluster, int clusterPort, Path logs,
      Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    TestKeys.settings().forEach((k, v) -> env.put(envName(k), v));
    env.put("CORRIDOR_DB_URL", db);
    env.put("CORRIDOR_CLUSTER_NAME", cluster);
    env.put("CORRIDOR_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("CORRIDOR_HTTP_INSTANCES", "1");
    env.put("CORRIDOR_ANPR_ENGINE", "none");
    env.put("CORRIDOR_INGEST_DEVICES_RELOAD_INTERVAL", "1s");
    env.put("CORRIDOR_TRACKING_TICK_INTERVAL", "1s");
    env.put("CORRIDOR_TRACKING_OUTBOX_LEASE", "5s");
    env.put("CORRIDOR_TRACKING_OUTBOX_POLL_INTERVAL", "1s");
    env.put("CORRIDOR_TRACKING_OSMAND_PORT", String.valueOf(FreePorts.next()));
    env.put("CORRIDOR_MQTT_PORT", String.valueOf(FreePorts.next()));
    int port = FreePorts.next();
    env.put("CORRIDOR_HTTP_PORT", String.valueOf(port));
    env.putAll(extra);
    return new NodeProcess(name, port, env, logs.resolve(name + ".log"));
  }

  private static String envName(String key) {
    return "CORRIDOR_" + key.toUpperCase().replace('.', '_').replace('-', '_');
  }

  private static void send(NodeProcess node, JourneyScript.Event e) throws Exception {
    HttpResponse<String> answer;
    if (e instanceof JourneyScript.Fix f) {
      String device = f.point().deviceId();
      answer = device(node, "/v1/positions", device, CargoJourneyIT.corridorJson(f.point()).put("deviceId", device));
    } else {
      JourneyScript.Read r = (JourneyScript.Read) e;
      answer = device(node, "/v1/reads", r.cameraId(), new JsonObject().put("eventId", UUID.randomUUID().toString())
          .put("deviceId", r.cameraId()).put("eventTime", r.time().toString()).put("plate", r.plate().replace(" ", ""))
          .put("confidence", 0.94));
    }
    assertThat(answer.statusCode()).as("%s to %s: %s", e, node.name(), answer.body()).isEqualTo(200);
  }

  private static HttpResponse<String> device(NodeProcess node, String path, String device, JsonObject body)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(node.base().resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("X-Device-Id", device)
        .header("X-Device-Key", CargoJourneyIT.key(device)).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> call(NodeProcess node, String method, String path, String body, String bearer)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.base().resolve(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double metric(NodeProcess node, String name) throws Exception {
    String body = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static Instant instant(Database database, String sql) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  private static long count(Database database, String sql) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
