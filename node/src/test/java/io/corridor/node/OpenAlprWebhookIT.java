package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.EventIds;
import io.corridor.platform.auth.Role;
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

    double before = unformattedDropped();
    HttpResponse<String> answer = post(group);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(new JsonObject(answer.body()).getJsonArray("accepted")).isEmpty();
    assertThat(new JsonObject(answer.body()).getInteger("dropped")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE plate_hash = " + hash("III1III"))).isZero();
    assertThat(unformattedDropped()).as("counted once").isEqualTo(before + 1);
  }

  /** corridor_reads_dropped_total of OpenALPR reads fitting no format at low confidence, 0 before the first. */
  private static double unformattedDropped() throws Exception {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "corridor_reads_dropped_total\\{reason=\"unformatted_low_confidence\",source=\"openalpr\"\\} ([0-9.]+)")
        .matcher(NodeFixture.get(node, "/metrics", null).body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void aUsAgentsReadsAreJudgedAsUsPlatesAsFramesUnderAUsHintAre() throws Exception {
    // at 0.62, above the unformatted floor (0.6) and below it plus the hint's 0.05: under a US hint a
    // text in none of the US serial shapes is not stored, one in them is; an EU agent's is judged as before
    HttpResponse<String> serial = post(group("us", "7ABC123", 1043));
    HttpResponse<String> shapeless = post(group("us", "KXMQZTW", 1044));
    HttpResponse<String> european = post(group("eu", "KXMQZTV", 1045));

    assertThat(new JsonObject(serial.body()).getJsonArray("accepted")).as(serial.body()).hasSize(1);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE plate_hash = " + hash("7ABC123") + " AND country = 'US'"))
        .isEqualTo(1);
    assertThat(new JsonObject(shapeless.body()).getInteger("dropped")).as(shapeless.body()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE plate_hash = " + hash("KXMQZTW"))).isZero();
    assertThat(new JsonObject(european.body()).getJsonArray("accepted")).as(european.body()).hasSize(1);
  }

  /** The sample group as agent country {@code country} sends it, its best plate {@code plate} at 62 %, no candidates. */
  private static JsonObject group(String country, String plate, int sequence) throws Exception {
    JsonObject group = payload("alpr_group.json").put("country", country);
    group.put("uuids", List.of(AGENT + "-" + sequence + "-1764583299000"));
    group.getJsonObject("best_plate").put("plate", plate).put("confidence", 62.0).remove("candidates");
    group.remove("candidates");
    return group;
  }

  /** Registers a device through the operator API; returns the answer's JSON (with the key). */
  static JsonObject register(String operator, JsonObject device, int status) throws Exception {
    HttpResponse<String> answer = DevicesIT.post(node, "/v1/devices", operator, device.encode());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    return new JsonObject(answer.body());
  }

  @Test
  void anAgentServingSeveralCamerasPostsForEachOfItsRegisteredCamerasAndForNoOther() throws Exception {
    String operator = node.tokens().mint("operator-alpr", Role.OPERATOR, Duration.ofMinutes(10));
    String agent = "alpr-agent-merdare";
    // The agent is registered for its installation: the agent_uid every message of it carries.
    assertThat(register(operator, new JsonObject().put("id", agent).put("kind", "agent")
        .put("name", "Merdare edge agent"), 400).getString("field")).isEqualTo("agentUid");
    assertThat(register(operator, new JsonObject().put("id", "cam-merdare-6").put("kind", "camera").put("name", "x")
        .put("agentUid", AGENT), 400).getString("field")).isEqualTo("agentUid");
    String agentKey = register(operator, new JsonObject().put("id", agent).put("kind", "agent")
        .put("name", "Merdare edge agent").put("agentUid", AGENT), 201).getString("key");
    assertThat(register(operator, new JsonObject().put("id", "alpr-agent-copy").put("kind", "agent")
        .put("name", "same installation").put("agentUid", AGENT), 409).getString("field")).isEqualTo("agentUid");
    String[] cameraKeys = new String[3];
    for (int i = 1; i <= 2; i++) {
      cameraKeys[i] = register(operator, new JsonObject().put("id", "cam-merdare-" + i).put("kind", "camera")
          .put("name", "Merdare lane " + i).put("lat", 42.66).put("lon", 21.16).put("agent", agent)
          .put("agentCameraId", 1041 + i), 201).getString("key");
    }
    assertThat(register(operator, new JsonObject().put("id", "cam-merdare-9").put("kind", "camera").put("name", "again")
        .put("agent", agent).put("agentCameraId", 1042), 409).getString("field")).isEqualTo("agent");
    assertThat(register(operator, new JsonObject().put("id", "cam-merdare-8").put("kind", "camera").put("name", "x")
        .put("agent", NodeFixture.CAMERA).put("agentCameraId", 7), 400).getString("field")).isEqualTo("agent");
    assertThat(register(operator, new JsonObject().put("id", "cam-merdare-7").put("kind", "camera").put("name", "x")
        .put("agent", agent), 400).getString("field")).isEqualTo("agentCameraId");
    assertThat(NodeFixture.get(node, "/v1/devices", operator).body())
        .contains("\"id\":\"cam-merdare-1\"").contains("\"agent\":\"" + agent + "\",\"agentCameraId\":1042");

    // One webhook, one set of headers (the agent's): each message is stored under the camera its camera_id names.
    JsonObject group = payload("alpr_group.json");
    HttpResponse<String> grouped = post(agent, agentKey, "application/json", group.encode());
    assertThat(grouped.statusCode()).as(grouped.body()).isEqualTo(200);
    String readId = EventIds.deterministic("openalpr-group", "cam-merdare-1", AGENT + "-1042-1764583200120");
    assertThat(new JsonObject(grouped.body()).getJsonArray("accepted").getList()).containsExactly(readId);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE event_id = '" + readId + "' AND device_id = 'cam-merdare-1'"
        + " AND plate_hash = " + hash("03456KR"))).isEqualTo(1);
    HttpResponse<String> frame = post(agent, agentKey, "application/json",
        payload("alpr_results.json").put("camera_id", 1043).encode());
    assertThat(frame.statusCode()).as(frame.body()).isEqualTo(200);
    assertThat(new JsonObject(frame.body()).getJsonArray("accepted")).hasSize(2);
    assertThat(count("SELECT count(*) FROM plate_reads WHERE device_id = 'cam-merdare-2' AND plate_hash IN ("
        + hash("PR512KS") + ", " + hash("BG1234AB") + ")")).isEqualTo(2);

    // A camera the agent has not been given is refused, never stored under another camera.
    long before = count("SELECT count(*) FROM plate_reads");
    HttpResponse<String> unknown = post(agent, agentKey, "application/json", group.copy().put("camera_id", 1099)
        .put("uuids", List.of(AGENT + "-1099-1764583200120")).encode());
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(403);
    assertThat(new JsonObject(unknown.body()).getString("error")).isEqualTo("unknown_agent_camera");
    assertThat(new JsonObject(unknown.body()).getString("field")).isEqualTo("camera_id");
    assertThat(new JsonObject(unknown.body()).getString("reason")).contains("1099").contains(agent);
    JsonObject anonymous = group.copy().put("uuids", List.of(AGENT + "-0-1764583200120"));
    anonymous.remove("camera_id");
    HttpResponse<String> missing = post(agent, agentKey, "application/json", anonymous.encode());
    assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
    assertThat(new JsonObject(missing.body()).getString("field")).isEqualTo("camera_id");
    assertThat(post(agent, "not-its-key", "application/json", group.encode()).statusCode()).isEqualTo(401);
    // Another agent installation configured with this agent's key: its camera_id 1042 is another
    // camera, so its messages are refused, whatever camera_id they carry.
    String otherAgent = "7HZR8EAMVCLY5NO1I9QKDQF4NKPDW3X6WJ2BGTSU";
    HttpResponse<String> copied = post(agent, agentKey, "application/json", group.copy().put("agent_uid", otherAgent)
        .put("uuids", List.of(otherAgent + "-1042-1764583200120")).encode());
    assertThat(copied.statusCode()).as(copied.body()).isEqualTo(403);
    assertThat(new JsonObject(copied.body()).getString("error")).isEqualTo("agent_uid_mismatch");
    assertThat(new JsonObject(copied.body()).getString("field")).isEqualTo("agent_uid");
    assertThat(new JsonObject(copied.body()).getString("reason")).contains(otherAgent).contains(agent);
    JsonObject copiedFrame = payload("alpr_results.json").put("camera_id", 1043).put("agent_uid", otherAgent)
        .put("uuid", otherAgent + "-1043-1764583260850");
    assertThat(post(agent, agentKey, "application/json", copiedFrame.encode()).statusCode()).isEqualTo(403);
    // The same copy configured with the key of one of the agent's cameras is refused too.
    HttpResponse<String> copiedByCamera = post("cam-merdare-1", cameraKeys[1], "application/json", group.copy()
        .put("agent_uid", otherAgent).put("uuids", List.of(otherAgent + "-1042-1764583200121")).encode());
    assertThat(copiedByCamera.statusCode()).as(copiedByCamera.body()).isEqualTo(403);
    assertThat(new JsonObject(copiedByCamera.body()).getString("error")).isEqualTo("agent_uid_mismatch");
    JsonObject unnamed = group.copy();
    unnamed.remove("agent_uid");
    HttpResponse<String> noUid = post(agent, agentKey, "application/json", unnamed.encode());
    assertThat(noUid.statusCode()).as(noUid.body()).isEqualTo(400);
    assertThat(new JsonObject(noUid.body()).getString("field")).isEqualTo("agent_uid");
    assertThat(DevicesIT.post(node, "/v1/devices/cam-merdare-2/revoke", operator, null).statusCode()).isEqualTo(200);
    HttpResponse<String> revoked = post(agent, agentKey, "application/json",
        payload("alpr_results.json").put("camera_id", 1043).put("uuid", AGENT + "-1043-1764583269999").encode());
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(403);
    assertThat(new JsonObject(revoked.body()).getString("error")).isEqualTo("device_revoked");
    assertThat(count("SELECT count(*) FROM plate_reads")).as("nothing refused was stored").isEqualTo(before);
    String metrics = NodeFixture.get(node, "/metrics", null).body();
    assertThat(metrics).containsPattern(
        "corridor_openalpr_messages_total\\{data_type=\"alpr_group\",outcome=\"unknown_camera\"\\} 2\\.0");
    assertThat(metrics).containsPattern(
        "corridor_openalpr_messages_total\\{data_type=\"alpr_results\",outcome=\"unknown_camera\"\\} 1\\.0");
    assertThat(metrics).containsPattern(
        "corridor_openalpr_messages_total\\{data_type=\"alpr_group\",outcome=\"wrong_agent\"\\} 3\\.0");
    assertThat(metrics).containsPattern(
        "corridor_openalpr_messages_total\\{data_type=\"alpr_results\",outcome=\"wrong_agent\"\\} 1\\.0");
    // The agent's key is no camera's: it posts nothing else.
    assertThat(DevicesIT.read(node, agent, agentKey)).isEqualTo(400);
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
