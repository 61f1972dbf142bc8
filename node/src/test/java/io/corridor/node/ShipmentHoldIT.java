package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.testkit.TestDatabase;
import io.corridor.tracking.JourneyScript;
import io.corridor.tracking.shipments.Mrn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Legal hold for cargo evidence over HTTP against real PostgreSQL: a customs officer holds a
 * closed shipment for a case; the retention job runs past both position limits (the partition of
 * its oldest fix is dropped, its ended-shipment positions are due) and past its alerts' limit, and
 * the held track is still returned, from the copies; released, the copies, positions and alerts
 * expire at the next run as the originals would have. Bad input is 400 naming the field, a second
 * hold under an open case and a release of no open hold are 409, every step is audited.
 */
class ShipmentHoldIT {

  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final String CASE = "CU-2026-0042";

  static CorridorNode node;
  static String customs;
  static String auditor;

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("shipment_hold"), NodeFixture.uniqueCluster(),
        Map.of("retention.positions", "20d", "tracking.retention.shipments", "40d", "tracking.retention.cargo-alerts", "8d",
            "tracking.retention.ended-shipment-positions", "5d")));
    customs = node.tokens().mint("customs-4", Role.CUSTOMS, Duration.ofMinutes(30));
    auditor = node.tokens().mint("auditor-2", Role.AUDITOR, Duration.ofMinutes(30));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aHeldShipmentKeepsItsTrackPastBothLimitsAndLosesItOnceReleased() throws Exception {
    JourneyScript script = JourneyScript.durresPrishtina().startingAt(NOW);
    String tanker = journeyEndedDaysAgo(script, "tanker", 26, 10);
    String tracker = script.tracker("tanker");
    positions(tracker, 25, 12); // the journey's: one in a partition past retention.positions, one merely due as ended
    positions(tracker, 9); // after its end: not the journey's, not held
    Instant releasedAt = NOW.minus(Duration.ofDays(26));
    Instant beforeRelease = releasedAt.minus(Duration.ofMinutes(30)); // the truck leaves before the release is keyed in
    NodeFixture.positions(node, tracker, java.util.List.of(releasedAt.minus(Duration.ofHours(2)), beforeRelease));
    alert(tanker, 11);

    HttpResponse<String> held = call("POST", "/v1/shipments/" + tanker + "/holds",
        new JsonObject().put("caseRef", CASE).put("justification", "seal found cut at the border post").encode());
    assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
    JsonObject hold = new JsonObject(held.body());
    assertThat(hold.getString("caseRef")).isEqualTo(CASE);
    assertThat(hold.getBoolean("open")).isTrue();
    assertThat(hold.getString("heldBy")).isEqualTo("customs-4");
    assertThat(hold.getLong("positions")).as("the journey's positions (the track's), not those before or after it")
        .isEqualTo(3);

    node.runRetention(Duration.ZERO).orElseThrow();

    assertThat(count("SELECT count(*) FROM positions WHERE device_id = '" + tracker + "'"))
        .as("the oldest went with its partition; the rest is not purged while held").isEqualTo(2);
    assertThat(count("SELECT count(*) FROM cargo_alerts WHERE shipment_id = '" + tanker + "'")).isEqualTo(1);
    JsonArray track = track(tanker);
    assertThat(track).as("the held track, the oldest fixes from their copies").hasSize(3);
    assertThat(track.getJsonObject(0).getString("eventTime")).isEqualTo(beforeRelease.toString());
    assertThat(track.getJsonObject(1).getString("eventTime")).isEqualTo(fix(25).toString());
    assertThat(track.getJsonObject(2).getString("eventTime")).isEqualTo(fix(12).toString());

    JsonObject shown = new JsonObject(call("GET", "/v1/shipments/" + tanker, null).body());
    assertThat(shown.getJsonArray("holds")).hasSize(1);
    assertThat(shown.getJsonArray("holds").getJsonObject(0).getString("caseRef")).isEqualTo(CASE);
    HttpResponse<String> listed = CargoIT.call(node, "GET", "/v1/cargo/holds", null, auditor);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(new JsonObject(listed.body()).getJsonArray("holds").getJsonObject(0).getString("shipmentId")).isEqualTo(tanker);
    assertThat(CargoIT.call(node, "GET", "/v1/holds", null, auditor).body()).as("one legal-hold mechanism")
        .contains("shipment:" + tanker + ":" + CASE);

    JsonObject report = new JsonObject(CargoIT.call(node, "GET", "/v1/retention", null, auditor).body());
    assertThat(CargoRetentionIT.dataClass(report, "held_positions").getLong("rows")).isEqualTo(3);
    for (String name : new String[] {"held_positions", "ended_shipment_positions", "cargo_alerts"}) {
      assertThat(CargoRetentionIT.dataClass(report, name).getBoolean("outlivesLimit")).as(name + ": held is not overdue").isFalse();
    }

    HttpResponse<String> released = call("POST", "/v1/shipments/" + tanker + "/holds/" + CASE + "/release", null);
    assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
    assertThat(new JsonObject(released.body()).getString("releasedBy")).isEqualTo("customs-4");

    node.runRetention(Duration.ZERO).orElseThrow();

    assertThat(count("SELECT count(*) FROM held_positions")).isZero();
    assertThat(count("SELECT count(*) FROM positions WHERE device_id = '" + tracker + "'")).as("only the one after the end")
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM cargo_alerts WHERE shipment_id = '" + tanker + "'")).isZero();
    assertThat(track(tanker)).isEmpty();
    assertThat(count("SELECT count(*) FROM audit_log WHERE target = 'shipment " + tanker + "' AND action IN ('hold.add', 'hold.release')"))
        .isEqualTo(2);
  }

  @Test
  void aHeldDeclarationOutlivesItsLimitAndAnOpenHoldIsKeptUnderAnotherCase() throws Exception {
    JourneyScript script = JourneyScript.durresPrishtina().startingAt(NOW);
    String medical = journeyEndedDaysAgo(script, "medical", 60, 50);
    assertThat(call("POST", "/v1/shipments/" + medical + "/holds",
        new JsonObject().put("caseRef", "CU-1").put("justification", "cold chain broken").encode()).statusCode()).isEqualTo(201);
    assertThat(call("POST", "/v1/shipments/" + medical + "/holds",
        new JsonObject().put("caseRef", "CU-2").put("justification", "second case").encode()).statusCode()).isEqualTo(201);
    assertThat(call("POST", "/v1/shipments/" + medical + "/holds/CU-1/release", null).statusCode()).isEqualTo(200);

    node.runRetention(Duration.ZERO).orElseThrow();

    assertThat(count("SELECT count(*) FROM shipments WHERE shipment_id = '" + medical + "'")).as("CU-2 still holds it")
        .isEqualTo(1);
    assertThat(call("POST", "/v1/shipments/" + medical + "/holds/CU-2/release", null).statusCode()).isEqualTo(200);
    node.runRetention(Duration.ZERO).orElseThrow();
    assertThat(count("SELECT count(*) FROM shipments WHERE shipment_id = '" + medical + "'")).isZero();
    assertThat(count("SELECT count(*) FROM shipment_holds WHERE shipment_id = '" + medical + "'")).isZero();
    assertThat(count("SELECT count(*) FROM legal_holds WHERE case_ref LIKE 'shipment:" + medical + ":%' AND released_at IS NOT NULL"))
        .as("the hold's record stays").isEqualTo(2);
  }

  @Test
  void badInputIsNamedAndConflictsAre409() throws Exception {
    JourneyScript script = JourneyScript.durresPrishtina().startingAt(NOW);
    JsonObject declaration = script.declaration("tanker").put("mrn", Mrn.withCheck("26AL0000000HLD001"));
    String id = declared(declaration);
    String path = "/v1/shipments/" + id + "/holds";
    assertBad(call("POST", path, new JsonObject().put("justification", "x").encode()), "caseRef");
    assertBad(call("POST", path, new JsonObject().put("caseRef", "no spaces").put("justification", "x").encode()), "caseRef");
    assertBad(call("POST", path, new JsonObject().put("caseRef", "CU-9").encode()), "justification");
    assertBad(call("POST", path, new JsonObject().put("caseRef", "CU-9").put("justification", " ").encode()), "justification");
    String plate = declaration.getString("truckPlate");
    assertBad(call("POST", path, new JsonObject().put("caseRef", "CU-9").put("justification", "truck " + plate).encode()),
        "justification");
    assertThat(call("POST", "/v1/shipments/" + java.util.UUID.randomUUID() + "/holds",
        new JsonObject().put("caseRef", "CU-9").put("justification", "x").encode()).statusCode()).isEqualTo(404);

    String body = new JsonObject().put("caseRef", "CU-9").put("justification", "fuel siphoned").encode();
    assertThat(call("POST", path, body).statusCode()).isEqualTo(201);
    HttpResponse<String> twice = call("POST", path, body);
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(twice.body()).getString("field")).isEqualTo("caseRef");
    assertThat(call("POST", path + "/CU-8/release", null).statusCode()).as("no such hold").isEqualTo(409);
    assertThat(call("POST", path + "/CU-9/release", null).statusCode()).isEqualTo(200);
    assertThat(call("POST", path + "/CU-9/release", null).statusCode()).as("released already").isEqualTo(409);
    assertThat(call("POST", path, body).statusCode()).as("held again after its release").isEqualTo(201);
    assertThat(CargoIT.call(node, "POST", path, body, auditor).statusCode()).isEqualTo(403);
  }

  private static void assertBad(HttpResponse<String> answer, String field) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(new JsonObject(answer.body()).getString("field")).as(answer.body()).isEqualTo(field);
  }

  private static HttpResponse<String> call(String method, String path, String body) throws Exception {
    return CargoIT.call(node, method, path, body, customs);
  }

  private static JsonArray track(String id) throws Exception {
    HttpResponse<String> answer = call("GET", "/v1/shipments/" + id + "/track", null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body()).getJsonArray("positions");
  }

  private static String declared(JsonObject declaration) throws Exception {
    HttpResponse<String> declared = call("POST", "/v1/shipments", declaration.encode());
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    return new JsonObject(declared.body()).getString("id");
  }

  /** Shipment {@code name} declared, released, arrived and closed over HTTP, its steps then moved back in time. */
  private static String journeyEndedDaysAgo(JourneyScript script, String name, int releasedDaysAgo, int endedDaysAgo)
      throws Exception {
    String id = declared(script.declaration(name));
    for (String step : new String[] {"release", "arrive", "close"}) {
      assertThat(call("POST", "/v1/shipments/" + id + "/" + step, null).statusCode()).isEqualTo(200);
    }
    Instant released = NOW.minus(Duration.ofDays(releasedDaysAgo));
    Instant ended = NOW.minus(Duration.ofDays(endedDaysAgo));
    try (Connection c = node.database().dataSource().getConnection();
        PreparedStatement steps = c.prepareStatement(
            "UPDATE shipment_transitions SET at = CASE WHEN seq = 1 THEN ?::timestamptz ELSE ?::timestamptz END WHERE shipment_id = ?::uuid");
        PreparedStatement shipment = c.prepareStatement(
            "UPDATE shipments SET declared_at = ?, updated_at = ? WHERE shipment_id = ?::uuid")) {
      steps.setTimestamp(1, Timestamp.from(released));
      steps.setTimestamp(2, Timestamp.from(ended));
      steps.setString(3, id);
      steps.executeUpdate();
      shipment.setTimestamp(1, Timestamp.from(released.minus(Duration.ofHours(2))));
      shipment.setTimestamp(2, Timestamp.from(ended));
      shipment.setString(3, id);
      shipment.executeUpdate();
    }
    return id;
  }

  private static Instant fix(int daysAgo) {
    return NOW.minus(Duration.ofDays(daysAgo)).plus(Duration.ofHours(1));
  }

  private static void positions(String tracker, int... daysAgo) throws Exception {
    NodeFixture.positions(node, tracker, java.util.Arrays.stream(daysAgo).mapToObj(ShipmentHoldIT::fix).toList());
  }

  private static void alert(String shipment, int daysAgo) throws Exception {
    NodeFixture.cargoAlert(node, shipment, "SEAL_OPENED", "seal opened en route", NOW.minus(Duration.ofDays(daysAgo)));
  }

  private static long count(String sql) throws Exception {
    return NodeFixture.count(node, sql);
  }
}
