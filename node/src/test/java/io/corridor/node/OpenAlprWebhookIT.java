package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.EventIds;
import io.corridor.storage.evidence.EvidenceResult;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An OpenALPR / Rekor Scout agent posts its webhook JSON to a running node: vehicle groups and
 * per-frame results become stored reads (once, whatever the agent re-sends), the crops stay in
 * memory for evidence only, alerts, vehicles and heartbeats are accepted and counted, junk is not
 * stored, and a bad message gets an error naming the agent's field.
 */
class OpenAlprWebhookIT {

  static final String AGENT = "QF4NKPDW3X6WJ2BGTSU7HZR8EAMVCLY5NO1I9QKD";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static CorridorNode node;

  @BeforeAll
  static void start() throws Exception {
    // No recognizer: the agent has read the plates already.
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("openalpr"), NodeFixture.uniqueCluster(),
        Map.of("anpr.group-window", "500ms", "anpr.group-max-span", "5s", "anpr.evidence-cache-ttl", "20s")));
    NodeFixture.registerDevices(node);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** A kept payload with its times moved to now, as if the agent had just seen the vehicle. */
  static JsonObject payload(String name) throws Exception {
    try (InputStream in = OpenAlprWebhookIT.class.getResourceAsStream("/payloads/openalpr/" + name)) {
      JsonObject json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      long base = json.containsKey("epoch_start") ? json.getLong("epoch_start") : json.getLong("epoch_time");
      long shift = Instant.now().toEpochMilli() - 2_000 - base;
      for (String key : List.of("epoch_start", "epoch_end", "best_uuid_epoch_ms", "epoch_time")) {
        if (json.containsKey(key)) {
          json.put(key, json.getLong(key) + shift);
        }
      }
      return json;
    }
  }

  static HttpResponse<String> post(String device, String key, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort()
            + "/v1/integrations/openalpr"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (device != null) {
      request.header("X-Device-Id", device).header("X-Device-Key", key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(JsonObject message) throws Exception {
    return post(NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, "application/json", message.encode());
  }

  static String hash(String plate) {
    return "decode('" + HexFormat.of().formatHex(node.protector().hash(plate)) + "', 'hex')";
  }

  static long count(String sql) throws Exception {
    return NodeFixture.count(node, sql);
  }

  @Test
  void aVehicleGroupIsStoredOnceWithItsCropsHeldForEvidence() throws Exception {
    JsonObject group = payload("alpr_group.json");
    String readId = EventIds.deterministic("openalpr-group", NodeFixture.CAMERA, AGENT + "-1042-1764583200120");

    HttpResponse<String> first = post(group);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(new JsonObject(first.body()).getJsonArray("accepted").getList()).containsExactly(readId);
    // The agent re-sends a message it got no answer to: the same read, stored once.
    HttpResponse<String> retry = post(group);
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    assertThat(new JsonObject(retry.body()).getJsonArray("accepted").getList()).containsExactly(readId);

    String vehicleCrop = EventIds.deterministic("openalpr-group-crop", NodeFixture.CAMERA, AGENT + "-1042-1764583200120",
        "vehicle");
    String plateCrop = EventIds.deterministic("openalpr-group-crop", NodeFixture.CAMERA, AGENT + "-1042-1764583200120",
        "plate");
    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id = '" + readId + "' AND plate_hash = "
        + hash("03456KR") + " AND country = 'XK' AND abs(confidence - 0.9182) < 0.0001 AND abs(lat - 42.6629) < 1e-6"
        + " AND event_time = to_timestamp(" + group.getLong("best_uuid_epoch_ms") + " / 1000.0)"
        + " AND frame_ids = ARRAY['" + vehicleCrop + "', '" + plateCrop + "']")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM evidence_frames")).as("crops are not kept unless marked").isZero();

    EvidenceResult marked = node.frameEvidence().markEvidence(NodeFixture.CAMERA, vehicleCrop, "case 31", "officer-2")
        .join();
    assertThat(marked.outcome()).isEqualTo(EvidenceResult.Outcome.STORED);
    assertThat(count("SELECT count(*) FROM evidence_frames WHERE frame_id = '" + vehicleCrop + "' AND content_type = 'image/jpeg'"))
        .isEqualTo(1);
  }

  @Test
  void eachPlateOfAFrameResultBecomesARead() throws Exception {
    JsonObject frame = payload("alpr_results.json");

    HttpResponse<String> answer = post(frame);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<Object> accepted = new JsonObject(answer.body()).getJsonArray("accepted").getList();
    assertThat(accepted).hasSize(2);
    for (String plate : List.of("PR512KS", "BG1234AB")) {
      assertThat(count("SELECT count(*) FROM plate_reads WHERE plate_hash = " + hash(plate) + " AND event_id IN ('"
          + accepted.get(0) + "', '" + accepted.get(1) + "')")).as(plate).isEqualTo(1);
    }
  }

  @Test
  void alertsVehiclesAndHeartbeatsAreAcceptedIgnoredAndCounted() throws Exception {
    for (String type : List.of("alpr_alert", "vehicle", "heartbeat")) {
      HttpResponse<String> answer = post(payload(type + ".json"));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(new JsonObject(answer.body()).getString("ignored")).isEqualTo(type);
      assertThat(new JsonObject(answer.body()).getJsonArray("accepted")).isEmpty();
    }
    String metrics = NodeFixture.get(node, "/metrics", null).body();
    assertThat(metrics).containsPattern("corridor_openalpr_messages_total\\{data_type=\"alpr_alert\",outcome=\"ignored\"\\} 1\\.0");
    assertThat(metrics).containsPattern("corridor_openalpr_messages_total\\{data_type=\"heartbeat\",outcome=\"ignored\"\\} 1\\.0");
  }

  @Test
  void aLowConfidenceReadThatFitsNoPlateFormatIsNotStoredAndIsCounted() throws Exception {
    JsonObject group = payload("alpr_group.json");
    group.put("uuids", List.of(AGENT + "-1042-1764583299000"));
    group.getJsonObject("best_plate").put("plate", "III1III").put("confidence", 41.5).remove("candidates");
    group.remove("candidates");

    HttpResponse<String> answer = post(group);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(new JsonObject(answer.body()).getJsonArray("accepted")).isEmpty();
    assertThat(new JsonObject(answer.body()).getInteger("dropped")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE plate_hash = " + hash("III1III"))).isZero();
    assertThat(NodeFixture.get(node, "/metrics", null).body()).containsPattern(
        "corridor_reads_dropped_total\\{reason=\"unformatted_low_confidence\",source=\"openalpr\"\\} 1\\.0");
  }

  @Test
  void refusalsSayWhatIsWrong() throws Exception {
    String group = payload("alpr_group.json").encode();
    assertThat(post(null, null, "application/json", group).statusCode()).isEqualTo(401);
    assertThat(post(NodeFixture.CAMERA, "wrong-key", "application/json", group).statusCode()).isEqualTo(401);
    assertThat(post(NodeFixture.REVOKED, NodeFixture.REVOKED_KEY, "application/json", group).statusCode()).isEqualTo(403);
    assertThat(post(NodeFixture.TRACKER, NodeFixture.TRACKER_KEY, "application/json", group).statusCode()).isEqualTo(400);
    assertThat(post(NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, "text/plain", group).statusCode()).isEqualTo(415);

    JsonObject badConfidence = payload("alpr_group.json");
    badConfidence.getJsonObject("best_plate").put("confidence", "high");
    HttpResponse<String> answer = post(badConfidence);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(answer.body()).getString("field")).isEqualTo("best_plate.confidence");

    JsonObject old = payload("alpr_group.json").put("best_uuid_epoch_ms", 1_500_000_000_000L);
    HttpResponse<String> tooOld = post(old);
    assertThat(tooOld.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(tooOld.body()).getString("field")).isEqualTo("best_uuid_epoch_ms");

    HttpResponse<String> notJson = post(NodeFixture.CAMERA, NodeFixture.CAMERA_KEY, "application/json", "{\"data_type\":");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(notJson.body()).getString("error")).isEqualTo("malformed_body");
  }
}
