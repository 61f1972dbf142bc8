package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Device management on two real nodes of one cluster: a device registered, rotated or revoked
 * through one node is accepted or refused by the other within seconds, although the periodic
 * registry reload is set to an hour (so only the cluster-wide notice can explain it).
 */
class DevicesIT {

  static final Duration OVERLAP = Duration.ofSeconds(4);
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static CorridorNode first;
  static CorridorNode second;
  static String operator;

  @BeforeAll
  static void start() throws Exception {
    String db = TestDatabase.fresh("devices");
    String cluster = NodeFixture.uniqueCluster();
    Map<String, String> settings = Map.of("ingest.devices.reload-interval", "1h",
        "devices.key-overlap", OVERLAP.toSeconds() + "s");
    first = CorridorNode.start(NodeFixture.settings(db, cluster, settings));
    second = CorridorNode.start(NodeFixture.settings(db, cluster, settings));
    DurableAckIT.waitUntil(() -> new JsonObject(NodeFixture.get(second, "/ready", null).body())
        .getInteger("clusterMembers") == 2, 30);
    operator = first.tokens().mint("operator-9", Role.OPERATOR, Duration.ofMinutes(10));
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

  static HttpResponse<String> post(CorridorNode node, String path, String bearer, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static int read(CorridorNode node, String device, String key) throws Exception {
    String body = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("deviceId", device)
        .put("eventTime", Instant.now().toString()).put("plate", "DV" + (int) (Math.random() * 900 + 100) + "KS")
        .put("confidence", 0.9).encode();
    return NodeFixture.postReads(node, device, key, "application/json", body.getBytes()).statusCode();
  }

  /** Waits until {@code node} answers a read of {@code device} with {@code status}; returns how long it took. */
  static Duration awaitRead(CorridorNode node, String device, String key, int status) throws Exception {
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(5).toNanos();
    int last = read(node, device, key);
    while (last != status && System.nanoTime() < deadline) {
      Thread.sleep(50);
      last = read(node, device, key);
    }
    assertThat(last).as("read by " + device + " on node " + node.httpPort()).isEqualTo(status);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  static String create(CorridorNode node, String id) throws Exception {
    HttpResponse<String> created = post(node, "/v1/devices", operator,
        new JsonObject().put("id", id).put("kind", "camera").put("name", "camera " + id).put("lat", 42.6).put("lon", 21.1)
            .encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject answer = new JsonObject(created.body());
    assertThat(answer.getString("id")).isEqualTo(id);
    return answer.getString("key");
  }

  @Test
  void aDeviceRegisteredOnOneNodeIsAcceptedByTheOtherAtOnceAndItsKeyIsStoredOnlyAsADigest() throws Exception {
    String key = create(first, "cam-new-01");
    assertThat(read(first, "cam-new-01", key)).isEqualTo(200);
    assertThat(awaitRead(second, "cam-new-01", key, 200)).isLessThan(Duration.ofSeconds(3));
    assertThat(NodeFixture.count(first, "SELECT count(*) FROM devices WHERE device_id = 'cam-new-01' "
        + "AND key_sha256 = sha256(convert_to('" + key + "', 'UTF8'))")).isEqualTo(1);
    HttpResponse<String> list = NodeFixture.get(second, "/v1/devices", operator);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"cam-new-01\"").doesNotContain(key).doesNotContain("key_sha256")
        .doesNotContain("\"key\"");
    assertThat(post(second, "/v1/devices", operator,
        "{\"id\":\"cam-new-01\",\"kind\":\"camera\",\"name\":\"again\"}").statusCode()).isEqualTo(409);
  }

  @Test
  void aRotatedKeyWorksOnBothNodesAndTheOldOneOnlyUntilTheOverlapEnds() throws Exception {
    String oldKey = create(first, "cam-rot-01");
    awaitRead(second, "cam-rot-01", oldKey, 200);
    HttpResponse<String> rotated = post(second, "/v1/devices/cam-rot-01/rotate", operator, null);
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    JsonObject answer = new JsonObject(rotated.body());
    String newKey = answer.getString("key");
    assertThat(newKey).isNotEqualTo(oldKey);
    Instant until = Instant.parse(answer.getString("previousKeyValidUntil"));
    assertThat(read(second, "cam-rot-01", newKey)).isEqualTo(200);
    awaitRead(first, "cam-rot-01", newKey, 200);
    if (Instant.now().isBefore(until.minusSeconds(1))) {
      assertThat(read(first, "cam-rot-01", oldKey)).as("inside the overlap").isEqualTo(200);
      assertThat(read(second, "cam-rot-01", oldKey)).as("inside the overlap").isEqualTo(200);
    }
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()) + 200);
    assertThat(read(first, "cam-rot-01", oldKey)).as("after the overlap").isEqualTo(401);
    assertThat(read(second, "cam-rot-01", oldKey)).as("after the overlap").isEqualTo(401);
    assertThat(read(first, "cam-rot-01", newKey)).isEqualTo(200);
    assertThat(NodeFixture.count(first, "SELECT count(*) FROM audit_log WHERE action = 'devices.rotate' "
        + "AND actor = 'operator-9' AND target = 'device cam-rot-01'")).isEqualTo(1);
  }

  @Test
  void aRevokedDeviceIsRefusedByBothNodesWithinSeconds() throws Exception {
    String key = create(second, "cam-rev-01");
    awaitRead(first, "cam-rev-01", key, 200);
    HttpResponse<String> revoked = post(first, "/v1/devices/cam-rev-01/revoke", operator, null);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    assertThat(read(first, "cam-rev-01", key)).isEqualTo(403);
    assertThat(awaitRead(second, "cam-rev-01", key, 403)).isLessThan(Duration.ofSeconds(3));
    assertThat(post(first, "/v1/devices/cam-rev-01/rotate", operator, null).statusCode()).isEqualTo(409);
    assertThat(post(first, "/v1/devices/cam-rev-01/revoke", operator, null).statusCode()).isEqualTo(409);
    assertThat(post(first, "/v1/devices/cam-nobody/revoke", operator, null).statusCode()).isEqualTo(404);
    assertThat(NodeFixture.count(first, "SELECT count(*) FROM audit_log WHERE action IN ('devices.create', "
        + "'devices.revoke') AND target = 'device cam-rev-01'")).isEqualTo(2);
  }

  @Test
  void onlyOperatorsManageDevicesAndBadRequestsNameTheField() throws Exception {
    String officer = first.tokens().mint("officer-1", Role.OFFICER, Duration.ofMinutes(5));
    assertThat(post(first, "/v1/devices", officer, "{\"id\":\"x\",\"kind\":\"camera\",\"name\":\"x\"}").statusCode())
        .isEqualTo(403);
    assertThat(post(first, "/v1/devices", null, "{\"id\":\"x\",\"kind\":\"camera\",\"name\":\"x\"}").statusCode())
        .isEqualTo(401);
    assertBad(post(first, "/v1/devices", operator, "{\"id\":\"cam-x\",\"name\":\"x\"}"), "kind");
    assertBad(post(first, "/v1/devices", operator, "{\"id\":\"cam-x\",\"kind\":\"satellite\",\"name\":\"x\"}"), "kind");
    assertBad(post(first, "/v1/devices", operator, "{\"id\":\"cam x!\",\"kind\":\"camera\",\"name\":\"x\"}"), "id");
    assertBad(post(first, "/v1/devices", operator, "{\"id\":\"cam-x\",\"kind\":\"camera\",\"name\":\"x\",\"lat\":91,"
        + "\"lon\":0}"), "lat");
    assertBad(post(first, "/v1/devices", operator, "{\"id\":\"cam-x\",\"kind\":\"camera\",\"name\":\"x\",\"lat\":42}"),
        "lon");
    assertBad(post(first, "/v1/devices", operator, "not json"), "body");
    assertBad(post(first, "/v1/devices/bad%20id!/rotate", operator, null), "id");
  }

  static void assertBad(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonObject error = new JsonObject(response.body());
    assertThat(error.getString("field")).as(response.body()).isEqualTo(field);
    assertThat(error.getString("reason")).isNotBlank();
  }
}
