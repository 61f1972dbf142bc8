package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.EventIds;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.platform.auth.Role;
import io.corridor.rules.evidence.VerifyCommand;
import io.corridor.rules.violations.ViolationStore;
import io.corridor.storage.evidence.EvidenceFrame;
import io.corridor.storage.evidence.EvidenceStore;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The officers' review through the real HTTP API with officer tokens: the queue, one violation with
 * its plate, the transition table with its 409s, the second-officer rule, the legal hold on the
 * frames, the signed evidence package checked by {@code bin/corridor evidence verify}, and the audit.
 */
class ViolationReviewIT {

  static CorridorNode node;
  static String first;
  static String second;
  static String officerA;
  static String officerB;
  static final String FRAME = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("violation_review"), NodeFixture.uniqueCluster(),
        Map.of()));
    NodeFixture.registerDevices(node);
    officerA = node.tokens().mint("officer-anna", Role.OFFICER, Duration.ofMinutes(10));
    officerB = node.tokens().mint("officer-ben", Role.OFFICER, Duration.ofMinutes(10));
    first = seed("01SPD77", 141f, List.of(FRAME));
    second = seed("01SPD78", 133f, List.of());
    seed("01SPD79", 129f, List.of()); // two that stay pending, for the queue
    seed("01SPD80", 150f, List.of());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** Posts a speeding read through /v1/reads and stores the violation a speed rule finds for it. */
  static String seed(String plate, float speed, List<String> frames) throws Exception {
    String readId = UUID.randomUUID().toString();
    Instant at = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
    JsonObject read = new JsonObject().put("eventId", readId).put("deviceId", NodeFixture.CAMERA)
        .put("eventTime", at.toString()).put("plate", plate).put("country", "XK").put("confidence", 0.93)
        .put("speedKmh", speed).put("lane", 1).put("frameIds", new JsonArray(frames));
    assertThat(NodeFixture.postJson(node, read.encode()).statusCode()).isEqualTo(200);
    Violation v = Violation.newBuilder().setEventId(EventIds.deterministic("speed-a1", readId))
        .setDeviceId(NodeFixture.CAMERA).setEventTime(at).setKind(ViolationKind.SPEED).setRuleId("speed-a1")
        .setReadIds(List.of(readId)).setMeasured((double) speed).setLimit(120.0).build();
    try (Connection c = node.database().dataSource().getConnection()) {
      new ViolationStore(node.protector()).insert(c, v, plate, Instant.now());
    }
    if (!frames.isEmpty()) {
      new EvidenceStore(node.database().dataSource(), node.protector()).insert(
          new EvidenceFrame(NodeFixture.CAMERA, frames.get(0), at, "image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, 7, 7}),
          "violation " + v.getEventId(), "rule:violations", Instant.now(), Instant.now().plus(Duration.ofDays(30)));
    }
    return v.getEventId();
  }

  static JsonObject get(String path, String token, int status) throws Exception {
    HttpResponse<String> r = NodeFixture.get(node, path, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return new JsonObject(r.body());
  }

  static JsonObject post(String path, String token, JsonObject body, int status) throws Exception {
    HttpResponse<String> r = NodeFixture.postAs(node, path, token, body.encode());
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
    return new JsonObject(r.body());
  }

  @Test
  void theQueueListsPendingViolationsWithTheirPlatesAndPages() throws Exception {
    JsonObject page = get("/v1/violations?status=pending&kind=SPEED&camera=" + NodeFixture.CAMERA + "&limit=1", officerA, 200);
    assertThat(page.getJsonArray("violations")).hasSize(1);
    JsonObject v = page.getJsonArray("violations").getJsonObject(0);
    assertThat(v.getString("status")).isEqualTo("pending");
    assertThat(v.getString("kind")).isEqualTo("SPEED");
    assertThat(v.getString("plate")).startsWith("01SPD");
    assertThat(v.getJsonArray("reads").getJsonObject(0).getDouble("speedKmh")).isGreaterThan(130);
    JsonObject next = get("/v1/violations?status=pending&kind=SPEED&limit=1&after=" + page.getString("next"), officerA, 200);
    assertThat(next.getJsonArray("violations").getJsonObject(0).getString("id")).isNotEqualTo(v.getString("id"));
    assertThat(next.getJsonArray("violations").getJsonObject(0).getString("status")).isEqualTo("pending");
    assertThat(get("/v1/violations?status=bogus", officerA, 400).getString("field")).isEqualTo("status");
    assertThat(get("/v1/violations?since=yesterday", officerA, 400).getString("field")).isEqualTo("since");
    assertThat(get("/v1/violations?limit=0", officerA, 400).getString("field")).isEqualTo("limit");
  }

  @Test
  void onlyOfficersSeeViolationsAndEveryReadIsAudited() throws Exception {
    assertThat(NodeFixture.get(node, "/v1/violations", null).statusCode()).isEqualTo(401);
    String analyst = node.tokens().mint("analyst-1", Role.ANALYST, Duration.ofMinutes(5));
    assertThat(NodeFixture.get(node, "/v1/violations/" + first, analyst).statusCode()).isEqualTo(403);
    String auditedOfficer = node.tokens().mint("officer-audited", Role.OFFICER, Duration.ofMinutes(5));
    assertThat(get("/v1/violations/" + first, auditedOfficer, 200).getString("plate")).isEqualTo("01SPD77");
    get("/v1/violations/" + UUID.randomUUID(), auditedOfficer, 404);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM audit_log WHERE actor = 'officer-audited'"
        + " AND action = 'violations.read'")).isEqualTo(2);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM violations WHERE plate_ct IS NOT NULL"
        + " AND record::text LIKE '%01SPD77%'")).as("no clear plate in the stored record").isZero();
  }

  @Test
  void reviewFollowsTheTransitionTableWithTheSecondOfficerRuleAndALegalHold() throws Exception {
    String base = "/v1/violations/" + first;
    assertThat(post(base + "/issue", officerA, new JsonObject().put("reference", "KS-2026-1"), 409).getString("status"))
        .isEqualTo("pending");
    post(base + "/confirm", officerA, new JsonObject().put("note", "plate and speed check out"), 200);
    JsonObject refused = post(base + "/issue", officerA, new JsonObject().put("reference", "KS-2026-1"), 409);
    assertThat(refused.getString("error")).isEqualTo("second_officer_required");
    assertThat(refused.getString("status")).isEqualTo("confirmed");
    assertThat(post(base + "/issue", officerB, new JsonObject(), 400).getString("field")).isEqualTo("reference");
    JsonObject issued = post(base + "/issue", officerB, new JsonObject().put("reference", "KS-2026-1"), 200);
    assertThat(issued.getString("status")).isEqualTo("issued");
    assertThat(issued.getString("reference")).isEqualTo("KS-2026-1");
    assertThat(issued.getString("issuedAt")).isNotNull();
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM evidence_frames WHERE frame_id = '" + FRAME
        + "' AND keep_until = 'infinity'")).as("legal hold").isEqualTo(1);
    assertThat(post(base + "/confirm", officerA, new JsonObject(), 409).getString("status")).isEqualTo("issued");
    assertThat(post(base + "/dismiss", officerA, new JsonObject().put("reasonCode", "duplicate"), 409)
        .getString("status")).isEqualTo("issued");

    JsonArray history = get(base, officerA, 200).getJsonArray("review");
    assertThat(history).hasSize(2);
    assertThat(history.getJsonObject(0).getString("by")).isEqualTo("officer-anna");
    assertThat(history.getJsonObject(0).getString("note")).isEqualTo("plate and speed check out");
    assertThat(history.getJsonObject(1).getString("by")).isEqualTo("officer-ben");
    assertThat(history.getJsonObject(1).getString("at")).isNotNull();

    assertThat(post(base + "/close", officerB, new JsonObject().put("note", "paid"), 200).getString("status"))
        .isEqualTo("closed");
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM evidence_frames WHERE frame_id = '" + FRAME
        + "' AND keep_until < 'infinity'")).as("hold released").isEqualTo(1);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM audit_log WHERE action = 'violations.issue'")).isEqualTo(1);
  }

  @Test
  void dismissalNeedsAConfiguredReasonAndIsFinal() throws Exception {
    String base = "/v1/violations/" + second;
    assertThat(post(base + "/dismiss", officerA, new JsonObject().put("reasonCode", "looked fine"), 400)
        .getString("field")).isEqualTo("reasonCode");
    assertThat(post(base + "/dismiss", officerA, new JsonObject().put("reasonCode", "other"), 400)
        .getString("field")).isEqualTo("note");
    assertThat(post(base + "/dismiss", officerA, new JsonObject().put("reasonCode", 7), 400).getString("field"))
        .isEqualTo("reasonCode");
    JsonObject dismissed = post(base + "/dismiss", officerA,
        new JsonObject().put("reasonCode", "emergency_vehicle").put("note", "ambulance on call"), 200);
    assertThat(dismissed.getString("status")).isEqualTo("dismissed");
    assertThat(dismissed.getJsonArray("review").getJsonObject(0).getString("reasonCode")).isEqualTo("emergency_vehicle");
    assertThat(post(base + "/confirm", officerB, new JsonObject(), 409).getString("status")).isEqualTo("dismissed");
    assertThat(NodeFixture.postAs(node, base + "/approve", officerA, "{}").statusCode()).isEqualTo(404);
    assertThat(NodeFixture.postAs(node, base + "/confirm", officerA, "not json").statusCode()).isEqualTo(400);
  }

  @Test
  void theEvidencePackageVerifiesOfflineAndFailsWhenOneByteChanges(@TempDir Path dir) throws Exception {
    HttpResponse<String> response = NodeFixture.get(node, "/v1/violations/" + first + "/evidence", officerA);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject pkg = new JsonObject(response.body());
    assertThat(pkg.getJsonObject("parts").fieldNames()).contains("violation.json", "reads.json", "calibration.json",
        "frame-" + NodeFixture.CAMERA + "-" + FRAME + ".jpg");
    Path file = dir.resolve("evidence.json");
    Files.writeString(file, response.body());
    assertThat(verify(file)).isEqualTo(0);

    byte[] bytes = Files.readAllBytes(file);
    int at = response.body().indexOf("\"reads.json\":\"") + 20;
    bytes[at] = (byte) (bytes[at] == 'A' ? 'B' : 'A');
    Path tampered = dir.resolve("tampered.json");
    Files.write(tampered, bytes);
    assertThat(verify(tampered)).isEqualTo(1);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM audit_log WHERE action = 'violations.evidence'"))
        .isGreaterThanOrEqualTo(1);
  }

  static int verify(Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return VerifyCommand.run(List.of("verify", file.toString()), new PrintStream(out), new PrintStream(out));
  }
}
