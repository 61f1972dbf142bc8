package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.rules.engine.section.HazelcastJourneyStore;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Violations on a three-node cluster sharing one database: a section journey entered at one node
 * and left at another is one violation; the member holding the journey's pairing state dying
 * between entry and exit (its Hazelcast member terminated without a goodbye) loses nothing; a rule
 * changed through one node is in force on the others within seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViolationsClusterIT {

  static final String ENTRY = "cam-a1-km10";
  static final String EXIT = "cam-a1-km12";
  static final String KEY = "section-camera-key-for-tests";
  static final List<CorridorNode> nodes = new ArrayList<>();
  static String operator;
  static String officer;

  @BeforeAll
  static void start() throws Exception {
    String db = TestDatabase.fresh("violations_cluster");
    String cluster = NodeFixture.uniqueCluster();
    Map<String, String> overrides = Map.of("rules.sweep-interval", "1s", "violations.outbox.lease", "10s",
        "violations.outbox.evaluation-timeout", "5s");
    for (int i = 0; i < 3; i++) {
      nodes.add(CorridorNode.start(NodeFixture.settings(db, cluster, overrides)));
    }
    DeviceRepository devices = new DeviceRepository(nodes.get(0).database().dataSource());
    devices.register(ENTRY, "camera", KEY, "A1 km 10", 42.60, 21.10);
    devices.register(EXIT, "camera", KEY, "A1 km 12", 42.61, 21.12);
    for (CorridorNode n : nodes) {
      n.reloadDevices();
    }
    waitUntil(() -> members(nodes.get(2)) == 3, 30);
    operator = nodes.get(0).tokens().mint("operator-1", Role.OPERATOR, Duration.ofMinutes(15));
    officer = nodes.get(0).tokens().mint("officer-1", Role.OFFICER, Duration.ofMinutes(15));
    for (String[] site : new String[][] {{"a1-km10", ENTRY}, {"a1-km12", EXIT}}) {
      put(nodes.get(0), "/v1/sites/" + site[0], """
          {"device": "%s", "country": "XK", "timezone": "Europe/Belgrade", "limits": {"car": 100},
           "measurement": "section", "calibration": {"certificate": "KMA-S-%s", "validUntil": "2030-01-01"},
           "purpose": "enforcement"}""".formatted(site[1], site[0]));
    }
    put(nodes.get(0), "/v1/rules/section-a1", section(1));
    for (CorridorNode n : nodes) {
      waitUntil(() -> version(n, "section-a1") == 1, 10);
    }
  }

  @AfterAll
  static void stop() {
    for (CorridorNode n : nodes) {
      n.close();
    }
  }

  static String section(int version) {
    return """
        id: section-a1
        version: %d
        type: section-speed
        window: 1m
        clockSkew: 1s
        tolerance: {bands: [{below: 100, kmh: 3}, {percent: 3}]}
        sections:
          - {id: A1-10-12, entry: %s, exit: %s, distanceMeters: 2000, limits: {car: %d}}
        """.formatted(version, ENTRY, EXIT, version == 1 ? 100 : 90);
  }

  @Test
  @Order(1)
  void aJourneyEnteredAtOneNodeAndLeftAtAnotherIsOneViolation() throws Exception {
    String plate = "01SEC01";
    Instant entry = Instant.now().minusSeconds(50);
    post(nodes.get(0), ENTRY, plate, entry);
    post(nodes.get(1), EXIT, plate, entry.plusSeconds(48)); // 2 km in 48 s: 150 km/h
    JsonObject v = awaitViolation(nodes.get(2), plate);
    assertThat(v.getString("kind")).isEqualTo("AVERAGE_SPEED");
    assertThat(v.getJsonArray("reads")).hasSize(2);
    Thread.sleep(3000);
    assertThat(violations(nodes.get(2), plate)).as("exactly one").hasSize(1);
  }

  @Test
  @Order(2)
  void aRuleChangedOnOneNodeIsInForceOnTheOthersWithinSeconds() throws Exception {
    put(nodes.get(2), "/v1/rules/section-a1", section(2));
    long start = System.nanoTime();
    for (CorridorNode n : nodes) {
      waitUntil(() -> version(n, "section-a1") == 2, 5);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @Order(3)
  void theMemberHoldingAJourneyDyingBetweenEntryAndExitLosesNothing() throws Exception {
    String plate = "01SEC02";
    Instant entry = Instant.now().minusSeconds(50);
    post(nodes.get(0), ENTRY, plate, entry);
    String key = "section-a1|" + java.util.HexFormat.of().formatHex(nodes.get(0).protector().hash(plate));
    HazelcastInstance any = hazelcast(nodes.get(0));
    waitUntil(() -> any.getMap(HazelcastJourneyStore.MAP).containsKey(key), 30);
    com.hazelcast.cluster.Member holder = any.getPartitionService().getPartition(key).getOwner();
    CorridorNode owner = nodes.stream()
        .filter(n -> hazelcast(n).getCluster().getLocalMember().getUuid().equals(holder.getUuid())).findFirst().orElseThrow();
    // Dies like a killed process: the member leaves without handing over; the backup takes over.
    hazelcast(owner).getLifecycleService().terminate();
    nodes.remove(owner);
    owner.close();
    waitUntil(() -> members(nodes.get(0)) == 2, 30);

    assertThat(hazelcast(nodes.get(0)).getMap(HazelcastJourneyStore.MAP).containsKey(key))
        .as("the backup holds the journey").isTrue();
    post(nodes.get(1), EXIT, plate, entry.plusSeconds(45)); // 160 km/h
    JsonObject v = awaitViolation(nodes.get(0), plate);
    assertThat(v.getString("kind")).isEqualTo("AVERAGE_SPEED");
    assertThat(v.getInteger("ruleVersion")).isEqualTo(2);
    assertThat(violations(nodes.get(1), plate)).hasSize(1);
  }

  static HazelcastInstance hazelcast(CorridorNode node) {
    return ((HazelcastClusterManager) ((VertxInternal) node.vertx()).clusterManager()).getHazelcastInstance();
  }

  static int members(CorridorNode node) {
    return hazelcast(node).getCluster().getMembers().size();
  }

  static int version(CorridorNode node, String rule) {
    try {
      HttpResponse<String> r = NodeFixture.get(node, "/v1/rules/" + rule, operator);
      return r.statusCode() == 200 ? new JsonObject(r.body()).getInteger("version") : 0;
    } catch (Exception e) {
      return 0;
    }
  }

  static void put(CorridorNode node, String path, String body) throws Exception {
    HttpResponse<String> r = NodeFixture.putAs(node, path, operator, body);
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
  }

  static void post(CorridorNode node, String camera, String plate, Instant at) throws Exception {
    JsonObject read = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("deviceId", camera)
        .put("eventTime", at.toString()).put("plate", plate).put("country", "XK").put("confidence", 0.95)
        .put("lane", 1);
    HttpResponse<String> r = NodeFixture.postReads(node, camera, KEY, "application/json", read.encode().getBytes());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static List<JsonObject> violations(CorridorNode node, String plate) throws Exception {
    List<JsonObject> found = new ArrayList<>();
    new JsonObject(NodeFixture.get(node, "/v1/violations?kind=AVERAGE_SPEED&limit=100", officer).body())
        .getJsonArray("violations").forEach(v -> {
          if (plate.equals(((JsonObject) v).getString("plate"))) {
            found.add((JsonObject) v);
          }
        });
    return found;
  }

  static JsonObject awaitViolation(CorridorNode node, String plate) throws Exception {
    long deadline = System.currentTimeMillis() + 40_000;
    while (violations(node, plate).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
    }
    assertThat(violations(node, plate)).as("violation for " + plate).isNotEmpty();
    return violations(node, plate).get(0);
  }

  static void waitUntil(Check condition, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!condition.get()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not within " + seconds + " s");
      }
      Thread.sleep(100);
    }
  }

  interface Check {
    boolean get() throws Exception;
  }
}
