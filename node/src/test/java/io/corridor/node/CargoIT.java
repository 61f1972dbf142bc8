package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.events.Position;
import io.corridor.events.bus.BusAddresses;
import io.corridor.events.bus.StoredPositions;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.testkit.TestDatabase;
import io.corridor.tracking.JourneyScript;
import io.corridor.tracking.detect.TrackPoint;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cargo on a real two-node cluster: shipments declared and moved through their life cycle over
 * HTTP, the Durrës–Prishtina journey's committed positions and plate reads handed to both nodes
 * (as their writers do), one node killed mid-journey, and the alerts checked in the API and on the
 * SSE stream of the surviving node.
 */
class CargoIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static CorridorNode first;
  static CorridorNode second;
  static String token;
  static String db;
  static String cluster;
  static int seedPort;

  /**
   * Settings of one more member. Members find each other through the first one's own free port:
   * on a machine shared with other clusters the default ports 5701-5703 may all be taken.
   */
  static Map<String, String> member() {
    int port = seedPort == 0 ? (seedPort = io.corridor.testkit.FreePorts.next()) : io.corridor.testkit.FreePorts.next();
    return Map.of("tracking.tick-interval", "500ms", "tracking.reorder-window", "10m", "cluster.port", String.valueOf(port),
        "cluster.members", "127.0.0.1:" + seedPort);
  }

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.fresh("cargo");
    cluster = NodeFixture.uniqueCluster();
    first = CorridorNode.start(NodeFixture.settings(db, cluster, member()));
    second = CorridorNode.start(NodeFixture.settings(db, cluster, member()));
    DurableAckIT.waitUntil(() -> new JsonObject(NodeFixture.get(second, "/ready", null).body())
        .getInteger("clusterMembers") == 2, 30);
    token = first.tokens().mint("customs-3", Role.CUSTOMS, Duration.ofMinutes(30));
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  static JourneyScript journey(Instant start) throws Exception {
    return JourneyScript.durresPrishtina().startingAt(start);
  }

  static HttpResponse<String> call(CorridorNode node, String method, String path, String body, String bearer)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Position position(TrackPoint p) {
    Map<String, Object> sensors = new HashMap<>();
    if (p.fuelLitres() != null) {
      sensors.put("fuel", p.fuelLitres());
    }
    return Position.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId(p.deviceId()).setEventTime(p.time())
        .setReceivedTime(Instant.now()).setLocation(new GeoPoint(p.at().lat(), p.at().lon()))
        .setSpeedKmh(p.speedKmh() == null ? null : p.speedKmh().floatValue())
        .setTemperatureC(p.temperatureC() == null ? null : p.temperatureC().floatValue()).setSealClosed(p.sealClosed())
        .setBatteryPct(p.batteryPct() == null ? null : p.batteryPct().floatValue()).setSensors(sensors)
        .setProtocol("corridor-json").build();
  }

  static PlateRead read(JourneyScript.Read r) {
    return PlateRead.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId(r.cameraId()).setEventTime(r.time())
        .setReceivedTime(Instant.now()).setPlate(r.plate().replace(" ", "")).setConfidence(0.95f).build();
  }

  @Test
  void theJourneyOnTwoNodesWithOneKilledGivesExactlyTheExpectedAlertsOnTheApiAndTheStream() throws Exception {
    Instant start = Instant.now().minus(Duration.ofHours(8));
    JourneyScript script = journey(start);
    DeviceRepository devices = new DeviceRepository(first.database().dataSource());
    script.cameras().forEach((id, at) -> {
      try {
        devices.register(id, "camera", id + "-key", id, at.lat(), at.lon());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Map<String, String> ids = new HashMap<>();
    for (String name : script.shipments()) {
      HttpResponse<String> declared = call(first, "POST", "/v1/shipments", script.declaration(name).encode(), token);
      assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
      String id = new JsonObject(declared.body()).getString("id");
      ids.put(name, id);
      assertThat(call(first, "POST", "/v1/shipments/" + id + "/release", "{\"note\": \"seals checked\"}", token)
          .statusCode()).isEqualTo(200);
    }
    List<String> sse = new CopyOnWriteArrayList<>();
    HttpRequest streamRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.httpPort()
        + "/v1/cargo/alerts/stream")).header("Authorization", "Bearer " + token).GET().build();
    HTTP.sendAsync(streamRequest, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(sse::add));
    DurableAckIT.waitUntil(() -> sse.stream().anyMatch(l -> l.startsWith(": cargo alerts")), 10);

    // a third member takes half the events and owns part of the state until it is killed mid-journey
    CorridorNode third = CorridorNode.start(NodeFixture.settings(db, cluster, member()));
    DurableAckIT.waitUntil(() -> clusterSafe(second), 30);
    List<JourneyScript.Event> events = script.events();
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    int killAt = events.size() / 2;
    for (int i = 0; i < events.size(); i++) {
      if (i == killAt) {
        drained(third, second); // what third received is judged (a node that dies loses what it had not judged yet)
        DurableAckIT.waitUntil(() -> clusterSafe(second), 30); // and backed up
        kill(third);
      }
      // blocks of events alternate between the nodes, as a tracker's connections would
      CorridorNode node = i >= killAt || (i / 25) % 2 == 1 ? second : third;
      if (i % 25 == 0) {
        drained(second, third.equals(node) || i < killAt ? third : second);
      }
      JourneyScript.Event e = events.get(i);
      if (e instanceof JourneyScript.Fix f) {
        node.vertx().eventBus().publish(BusAddresses.POSITIONS_STORED,
            new StoredPositions(List.of(position(f.point()))), local);
      } else if (e instanceof JourneyScript.Read r) {
        node.vertx().eventBus().publish(BusAddresses.READS_STORED, read(r), local);
      }
    }
    drained(second);
    third.close();
    for (String name : script.shipments()) {
      HttpResponse<String> arrived = call(second, "POST", "/v1/shipments/" + ids.get(name) + "/arrive", null, token);
      assertThat(arrived.statusCode()).as(arrived.body()).isEqualTo(200);
    }

    List<String> expected = script.expected().stream().map(JsonObject.class::cast)
        .map(e -> ids.get(e.getString("shipment")) + " " + e.getString("kind")).toList();
    assertClosedAlerts(ids.values(), id -> call(second, "GET", "/v1/shipments/" + id + "/alerts", null, token).body(), expected);
    DurableAckIT.waitUntil(() -> sse.stream().filter(l -> l.startsWith("event: closed")).count() >= expected.size(), 10);
    assertThat(sse.stream().filter(l -> l.startsWith("event: raised")).count()).isEqualTo(expected.size());
    assertThat(sse.stream().filter(l -> l.startsWith("event: closed")).count()).isEqualTo(expected.size());
    assertThat(NodeFixture.count(second, "SELECT count(*) FROM cargo_alerts")).isEqualTo(expected.size());
  }

  @Test
  void declarationsAreValidatedAndTransitionsFollowTheTable() throws Exception {
    JourneyScript script = journey(Instant.now());
    JsonObject tanker = script.declaration("tanker").put("mrn", "26AL0000000TNK0994");
    HttpResponse<String> badMrn = call(first, "POST", "/v1/shipments", tanker.encode(), token);
    assertThat(badMrn.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(badMrn.body()).getString("field")).isEqualTo("mrn");
    JsonObject noWidth = script.declaration("medical").put("mrn", "22ITZXBZYUTJFLJXK6");
    noWidth.getJsonObject("route").remove("corridorWidthM");
    assertThat(new JsonObject(call(first, "POST", "/v1/shipments", noWidth.encode(), token).body()).getString("field"))
        .isEqualTo("route.corridorWidthM");
    assertThat(call(first, "POST", "/v1/shipments", "{not json", token).statusCode()).isEqualTo(400);
    assertThat(call(first, "POST", "/v1/shipments", script.declaration("medical").encode(), null).statusCode()).isEqualTo(401);
    String officer = first.tokens().mint("officer-1", Role.OFFICER, Duration.ofMinutes(5));
    assertThat(call(first, "GET", "/v1/shipments", null, officer).statusCode()).isEqualTo(403);

    JsonObject good = script.declaration("medical").put("mrn", "22ITZXBZYUTJFLJXK6");
    HttpResponse<String> created = call(first, "POST", "/v1/shipments", good.encode(), token);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = new JsonObject(created.body()).getString("id");
    assertThat(call(second, "POST", "/v1/shipments", good.encode(), token).statusCode()).as("a retry").isEqualTo(200);
    assertThat(call(second, "POST", "/v1/shipments", good.copy().put("description", "other").encode(), token).statusCode())
        .isEqualTo(409);

    HttpResponse<String> early = call(first, "POST", "/v1/shipments/" + id + "/arrive", null, token);
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(early.body()).getString("state")).isEqualTo("declared");
    assertThat(call(first, "POST", "/v1/shipments/" + id + "/explode", null, token).statusCode()).isEqualTo(404);
    assertThat(call(first, "POST", "/v1/shipments/not-a-uuid/release", null, token).statusCode()).isEqualTo(400);
    for (String step : List.of("release", "arrive", "close")) {
      assertThat(call(second, "POST", "/v1/shipments/" + id + "/" + step, null, token).statusCode()).as(step).isEqualTo(200);
    }
    assertThat(call(first, "POST", "/v1/shipments/" + id + "/cancel", null, token).statusCode()).isEqualTo(409);
    JsonObject shipment = new JsonObject(call(first, "GET", "/v1/shipments/" + id, null, token).body());
    assertThat(shipment.getString("state")).isEqualTo("closed");
    assertThat(shipment.getJsonArray("transitions").stream().map(t -> ((JsonObject) t).getString("to")))
        .containsExactly("released", "arrived", "closed");
    assertThat(shipment.getJsonArray("transitions").getJsonObject(0).getString("by")).isEqualTo("customs-3");
    assertThat(shipment.getJsonObject("declaration").getString("truckPlate")).isEqualTo("AA777MD");
    assertThat(NodeFixture.count(first, "SELECT count(*) FROM shipments WHERE declaration::text LIKE '%777%'")).isZero();

    JsonObject closed = new JsonObject(call(first, "GET", "/v1/shipments?state=closed&goods=medical", null, token).body());
    assertThat(closed.getJsonArray("shipments").stream().map(s -> ((JsonObject) s).getString("id"))).contains(id);
    assertThat(call(first, "GET", "/v1/shipments?state=lost", null, token).statusCode()).isEqualTo(400);
    assertThat(call(first, "GET", "/v1/shipments?alerting=maybe", null, token).statusCode()).isEqualTo(400);
    JsonObject quiet = new JsonObject(call(first, "GET", "/v1/shipments?alerting=false", null, token).body());
    assertThat(quiet.getJsonArray("shipments").stream().map(s -> ((JsonObject) s).getString("id"))).contains(id);
    JsonObject alerting = new JsonObject(call(first, "GET", "/v1/shipments?alerting=true", null, token).body());
    assertThat(alerting.getJsonArray("shipments").stream().map(s -> ((JsonObject) s).getString("id"))).doesNotContain(id);
    JsonObject page = new JsonObject(call(first, "GET", "/v1/shipments?limit=1", null, token).body());
    assertThat(page.getJsonArray("shipments")).hasSize(1);
    assertThat(page.getString("next")).isNotNull();
    assertThat(NodeFixture.count(first, "SELECT count(*) FROM audit_log WHERE action LIKE 'shipments.%'")).isGreaterThan(5);
    // each step committed with its own audit row: one per step taken, none for the refused ones
    assertThat(NodeFixture.count(first, "SELECT count(*) FROM audit_log WHERE target = 'shipment " + id + "' AND actor = 'customs-3'"
        + " AND (action, detail) IN (('shipments.declare', 'mrn=22ITZXBZYUTJFLJXK6'),"
        + " ('shipments.declare-repeated', 'mrn=22ITZXBZYUTJFLJXK6'), ('shipments.release', 'declared->released'),"
        + " ('shipments.arrive', 'released->arrived'), ('shipments.close', 'arrived->closed'))"))
        .as("declared, repeated twice (the retry and the different declaration), three steps").isEqualTo(6);
    assertThat(NodeFixture.count(first, "SELECT count(*) FROM audit_log WHERE target = 'shipment " + id + "'"
        + " AND action IN ('shipments.arrive', 'shipments.cancel', 'shipments.release', 'shipments.close')"))
        .as("the refused steps left none").isEqualTo(3);
  }

  /**
   * Waits (30 s at most) until the shipments' closed alerts, as {@code "shipmentId kind"}, are as
   * many as {@code expected}, then asserts they are exactly those; {@code alertsBody} answers
   * {@code GET /v1/shipments/{id}/alerts} for a shipment id.
   */
  /** The body of {@code GET /v1/shipments/{id}/alerts} on some node. */
  interface AlertsBody {
    String of(String shipmentId) throws Exception;
  }

  static void assertClosedAlerts(java.util.Collection<String> shipmentIds, AlertsBody alertsBody,
      List<String> expected) throws Exception {
    List<String> found = new ArrayList<>();
    List<String> all = new ArrayList<>();
    waitUntil(() -> {
      found.clear();
      all.clear();
      for (String id : shipmentIds) {
        JsonArray alerts = new JsonObject(alertsBody.of(id)).getJsonArray("alerts");
        alerts.stream().map(JsonObject.class::cast).filter(a -> !a.getBoolean("open"))
            .forEach(a -> found.add(a.getString("shipmentId") + " " + a.getString("kind")));
        all.add(alerts.encode());
      }
      return found.size() >= expected.size();
    }, 30, () -> "closed alerts found: " + found);
    assertThat(found).as(String.join("\n", all)).containsExactlyInAnyOrderElementsOf(expected);
  }

  static void waitUntil(DurableAckIT.Condition condition, int seconds, java.util.function.Supplier<String> state)
      throws Exception {
    try {
      DurableAckIT.waitUntil(condition, seconds);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; " + state.get(), e);
    }
  }

  /** Waits until no fix or read is being judged on {@code nodes}, twice in a row. */
  static void drained(CorridorNode... nodes) throws Exception {
    int[] quiet = {0};
    DurableAckIT.waitUntil(() -> {
      boolean idle = true;
      for (CorridorNode node : nodes) {
        idle &= NodeFixture.get(node, "/metrics", null).body().lines()
            .anyMatch(l -> l.startsWith("corridor_cargo_in_flight ") && l.endsWith(" 0.0"));
      }
      quiet[0] = idle ? quiet[0] + 1 : 0;
      Thread.sleep(50);
      return quiet[0] >= 2;
    }, 120);
  }

  static boolean clusterSafe(CorridorNode node) {
    return hazelcast(node).getPartitionService().isClusterSafe();
  }

  static com.hazelcast.core.HazelcastInstance hazelcast(CorridorNode node) {
    return ((HazelcastClusterManager) ((VertxInternal) node.vertx()).clusterManager()).getHazelcastInstance();
  }

  /** Terminates the node's Hazelcast member without a goodbye, as a crash would; its backups take over. */
  static void kill(CorridorNode node) {
    hazelcast(node).getLifecycleService().terminate();
  }
}
