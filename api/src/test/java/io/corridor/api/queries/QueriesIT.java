package io.corridor.api.queries;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.api.LawfulFixture;
import io.corridor.api.WarrantRequests;
import io.corridor.platform.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analysts' queries over real HTTP and PostgreSQL: every refusal reason, results, paging, audit. */
class QueriesIT {

  static LawfulFixture fx;
  static WarrantRequests warrants;
  static Instant now;
  static final List<String> TARGET_READS = new ArrayList<>();
  static String companionRead;

  @BeforeAll
  static void start() throws Exception {
    fx = new LawfulFixture("queries", Map.of());
    warrants = new WarrantRequests(fx);
    now = fx.clock.instant();
    fx.camera("cam-north", 42.70, 21.10);
    fx.camera("cam-south", 42.60, 21.10);
    fx.camera("cam-far", 44.00, 20.00);
    fx.drone("drone-1");
    // The target passes three cameras; a companion follows 30 s behind at two of them; a stranger once.
    for (int i = 0; i < 5; i++) {
      TARGET_READS.add(fx.read("cam-north", "01777KS", now.minus(Duration.ofHours(10 - i)), null, null));
    }
    TARGET_READS.add(fx.read("cam-south", "01777KS", now.minus(Duration.ofHours(3)), null, null));
    TARGET_READS.add(fx.read("cam-far", "01777KS", now.minus(Duration.ofHours(2)), null, null));
    fx.read("cam-north", "02888KS", now.minus(Duration.ofHours(10)).plusSeconds(30), null, null);
    companionRead = fx.read("cam-south", "02888KS", now.minus(Duration.ofHours(3)).plusSeconds(30), null, null);
    fx.read("cam-far", "03999KS", now.minus(Duration.ofHours(5)), null, null);
    fx.read("drone-1", "04000KS", now.minus(Duration.ofHours(4)), 42.65, 21.12);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  static HttpResponse<String> query(String kind, String analyst, JsonObject body) throws Exception {
    return fx.post("/v1/queries/" + kind, fx.token(analyst, Role.ANALYST), body);
  }

  static void assertRefused(HttpResponse<String> r, String reason) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(new JsonObject(r.body()).getString("error")).isEqualTo(reason);
  }

  static JsonObject window(String warrantId) {
    return WarrantRequests.query(warrantId, now.minus(Duration.ofDays(1)), now);
  }

  @Test
  void plateHistoryAnswersEveryReadDecryptedAndAuditsTheIds() throws Exception {
    String id = warrants.approvedForPlates("analyst-1", "01-777-KS").getString("id");
    HttpResponse<String> r = query("plate-history", "analyst-1", window(id).put("plate", "01777ks"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray items = new JsonObject(r.body()).getJsonArray("items");
    assertThat(items).hasSize(7);
    assertThat(items.stream().map(i -> ((JsonObject) i).getString("plate")).distinct()).containsExactly("01777KS");
    assertThat(items.stream().map(i -> ((JsonObject) i).getString("id"))).containsExactlyInAnyOrderElementsOf(TARGET_READS);

    try (Connection c = fx.database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT actor, role, justification, params, record_ids, records FROM audit_log WHERE action = 'query.plate-history' AND warrant_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("analyst-1");
        assertThat(rs.getString(2)).isEqualTo("analyst");
        assertThat(rs.getString(3)).isEqualTo("case file 12/2026, sighting report");
        assertThat(rs.getString(4)).contains("plateHash").doesNotContain("01777KS");
        assertThat(List.of((String[]) rs.getArray(5).getArray())).containsExactlyInAnyOrderElementsOf(TARGET_READS);
        assertThat(rs.getInt(6)).isEqualTo(7);
      }
    }
  }

  @Test
  void plateHistoryPagesWithoutLosingOrRepeatingReads() throws Exception {
    String id = warrants.approvedForPlates("analyst-2", "01777KS").getString("id");
    List<String> seen = new ArrayList<>();
    JsonObject body = window(id).put("plate", "01777KS").put("limit", 3);
    for (int page = 0; page < 5; page++) {
      JsonObject answer = new JsonObject(query("plate-history", "analyst-2", body).body());
      answer.getJsonArray("items").forEach(i -> seen.add(((JsonObject) i).getString("id")));
      if (!answer.containsKey("next")) {
        break;
      }
      body.put("after", answer.getString("next"));
    }
    assertThat(seen).hasSize(7).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(TARGET_READS);
  }

  @Test
  void everyRefusalReasonIsAnswered403AndAudited() throws Exception {
    String plate = "01777KS";
    assertRefused(query("plate-history", "analyst-3", window(UUID.randomUUID().toString()).put("plate", plate)), "no_warrant");

    String mine = warrants.approvedForPlates("analyst-3", plate).getString("id");
    assertRefused(query("plate-history", "analyst-other", window(mine).put("plate", plate)), "no_warrant");
    assertRefused(query("plate-history", "analyst-3", window(mine).put("plate", "02888KS")), "plate_outside_scope");
    assertRefused(query("plate-history", "analyst-3", WarrantRequests.query(mine, now.minus(Duration.ofDays(3)), now)
        .put("plate", plate)), "window_outside_warrant");

    Instant t = fx.clock.instant();
    JsonObject pending = warrants.request("analyst-3", warrants.body(new JsonObject().put("plates", new JsonArray().add(plate)),
        t.minus(Duration.ofDays(1)), t));
    assertRefused(query("plate-history", "analyst-3", window(pending.getString("id")).put("plate", plate)), "not_approved");

    JsonObject old = warrants.request("analyst-3", warrants.body(new JsonObject().put("plates", new JsonArray().add(plate)),
        t.minus(Duration.ofDays(20)), t));
    warrants.act(old.getString("id"), "approve", "approver-1", Role.APPROVER);
    assertRefused(query("plate-history", "analyst-3", window(old.getString("id")).put("plate", plate)),
        "second_approval_missing");

    String revoked = warrants.approvedForPlates("analyst-3", plate).getString("id");
    warrants.act(revoked, "revoke", "approver-1", Role.APPROVER);
    assertRefused(query("plate-history", "analyst-3", window(revoked).put("plate", plate)), "revoked");

    JsonObject cams = warrants.request("analyst-3", warrants.body(new JsonObject().put("cameras", new JsonArray().add("cam-north"))
        .put("area", area(42.68, 21.05, 42.75, 21.15)), t.minus(Duration.ofDays(1)), t));
    warrants.act(cams.getString("id"), "approve", "approver-1", Role.APPROVER);
    assertRefused(query("passes", "analyst-3", window(cams.getString("id")).put("cameras", new JsonArray().add("cam-far"))),
        "camera_outside_scope");
    assertRefused(query("passes", "analyst-3", window(cams.getString("id")).put("area", area(42.5, 21.0, 42.75, 21.2))),
        "area_outside_scope");
    assertRefused(query("plate-history", "analyst-3", window(cams.getString("id")).put("plate", plate)), "plate_outside_scope");

    fx.clock.advance(Duration.ofDays(2));
    try {
      assertRefused(query("plate-history", "analyst-3", window(mine).put("plate", plate)), "expired");
    } finally {
      fx.clock.advance(Duration.ofDays(-2));
    }
    assertThat(fx.count("SELECT count(*) FROM audit_log WHERE actor = 'analyst-3' AND action LIKE 'query.%.refused'"))
        .isEqualTo(10);
  }

  @Test
  void queriesNeedAJustificationAndTheAnalystRole() throws Exception {
    String id = warrants.approvedForPlates("analyst-4", "01777KS").getString("id");
    JsonObject noJustification = window(id).put("plate", "01777KS");
    noJustification.remove("justification");
    HttpResponse<String> r = query("plate-history", "analyst-4", noJustification);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("field")).isEqualTo("justification");
    assertThat(fx.post("/v1/queries/plate-history", fx.token("auditor-1", Role.AUDITOR), window(id).put("plate", "01777KS"))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void passesAtCamerasAndInsideAnArea() throws Exception {
    Instant t = fx.clock.instant();
    JsonObject w = warrants.request("analyst-5", warrants.body(new JsonObject().put("cameras", new JsonArray().add("cam-far"))
        .put("area", area(42.55, 21.0, 42.75, 21.2)), t.minus(Duration.ofDays(1)), t));
    warrants.act(w.getString("id"), "approve", "approver-1", Role.APPROVER);
    String id = w.getString("id");

    JsonObject far = new JsonObject(query("passes", "analyst-5", window(id).put("cameras", new JsonArray().add("cam-far"))).body());
    assertThat(far.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("plate")))
        .containsExactlyInAnyOrder("01777KS", "03999KS");
    // cam-south is not named, but it stands inside the warrant's area.
    HttpResponse<String> south = query("passes", "analyst-5", window(id).put("cameras", new JsonArray().add("cam-south")));
    assertThat(south.statusCode()).as(south.body()).isEqualTo(200);

    HttpResponse<String> inArea = query("passes", "analyst-5", window(id).put("area", area(42.64, 21.08, 42.72, 21.14)));
    assertThat(inArea.statusCode()).as(inArea.body()).isEqualTo(200);
    // cam-north (42.70) and the drone's own position (42.65, 21.12) are inside; cam-south (42.60) is not.
    assertThat(new JsonObject(inArea.body()).getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("deviceId")))
        .containsOnly("cam-north", "drone-1").contains("drone-1");
  }

  /**
   * A triangle: a camera inside its bounding box but outside the triangle is not answered, nor a
   * drone read whose own position is there; pages of one continue past reads the exact test drops.
   */
  @Test
  void passesInsideANonRectangularAreaFollowThePolygonNotItsBox() throws Exception {
    Instant t = fx.clock.instant();
    fx.camera("cam-tri-in", 43.05, 21.05);
    fx.camera("cam-tri-out", 43.15, 21.15);
    fx.drone("drone-tri");
    String in = fx.read("cam-tri-in", "05100KS", t.minus(Duration.ofHours(3)), null, null);
    fx.read("cam-tri-out", "05200KS", t.minus(Duration.ofHours(3)).plusSeconds(1), null, null);
    fx.read("drone-tri", "05300KS", t.minus(Duration.ofHours(3)).plusSeconds(2), 43.15, 21.15);
    String droneIn = fx.read("drone-tri", "05400KS", t.minus(Duration.ofHours(3)).plusSeconds(3), 43.02, 21.02);
    fx.read("cam-tri-out", "05500KS", t.minus(Duration.ofHours(3)).plusSeconds(4), null, null);
    JsonArray triangle = new JsonArray().add(new JsonArray().add(21.0).add(43.0)).add(new JsonArray().add(21.2).add(43.0))
        .add(new JsonArray().add(21.0).add(43.2));
    JsonObject w = warrants.request("analyst-8", warrants.body(new JsonObject().put("area", triangle),
        t.minus(Duration.ofDays(1)), t));
    warrants.act(w.getString("id"), "approve", "approver-1", Role.APPROVER);

    HttpResponse<String> all = query("passes", "analyst-8", window(w.getString("id")).put("area", triangle));
    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    assertThat(new JsonObject(all.body()).getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id")))
        .containsExactly(in, droneIn);

    List<String> paged = new ArrayList<>();
    String after = null;
    for (int page = 0; page < 10; page++) {
      JsonObject body = window(w.getString("id")).put("area", triangle).put("limit", 1);
      if (after != null) {
        body.put("after", after);
      }
      JsonObject answer = new JsonObject(query("passes", "analyst-8", body).body());
      answer.getJsonArray("items").forEach(i -> paged.add(((JsonObject) i).getString("id")));
      after = answer.getString("next");
      if (after == null) {
        break;
      }
    }
    assertThat(paged).containsExactly(in, droneIn);
  }

  @Test
  void convoyFindsThePlateThatFollowsTheTarget() throws Exception {
    String id = warrants.approvedForPlates("analyst-6", "01777KS").getString("id");
    JsonObject body = window(id).put("plate", "01777KS").put("deltaSeconds", 60).put("minCameras", 2);
    HttpResponse<String> r = query("convoy", "analyst-6", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray items = new JsonObject(r.body()).getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("plate")).isEqualTo("02888KS");
    assertThat(items.getJsonObject(0).getInteger("cameras")).isEqualTo(2);
    assertThat(items.getJsonObject(0).getJsonArray("readIds")).contains(companionRead);
    assertThat(new JsonObject(query("convoy", "analyst-6", body.copy().put("minCameras", 3)).body()).getJsonArray("items"))
        .isEmpty();
  }

  @Test
  void nothingIsAnsweredWhenTheAuditRowCannotBeWritten() throws Exception {
    String id = warrants.approvedForPlates("analyst-7", "01777KS").getString("id");
    fx.sql("""
        CREATE FUNCTION audit_down() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$""");
    fx.sql("CREATE TRIGGER audit_down BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_down()");
    try {
      HttpResponse<String> r = query("plate-history", "analyst-7", window(id).put("plate", "01777KS"));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(r.body()).doesNotContain("01777KS");
    } finally {
      fx.sql("DROP TRIGGER audit_down ON audit_log");
    }
    assertThat(query("plate-history", "analyst-7", window(id).put("plate", "01777KS")).statusCode()).isEqualTo(200);
  }

  /** A rectangle [lat1, lon1] .. [lat2, lon2] as [lon, lat] points. */
  static JsonArray area(double lat1, double lon1, double lat2, double lon2) {
    return new JsonArray().add(new JsonArray().add(lon1).add(lat1)).add(new JsonArray().add(lon2).add(lat1))
        .add(new JsonArray().add(lon2).add(lat2)).add(new JsonArray().add(lon1).add(lat2));
  }
}
