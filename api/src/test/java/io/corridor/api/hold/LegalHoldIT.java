package io.corridor.api.hold;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.api.LawfulFixture;
import io.corridor.api.WarrantRequests;
import io.corridor.platform.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads held for a warrant's case survive the retention run that drops their partition, until the
 * case is closed; a revoked warrant stops queries and marks at once but its hold stays; a closed
 * case refuses queries, marks, approvals and new warrants.
 */
class LegalHoldIT {

  static LawfulFixture fx;
  static WarrantRequests warrants;

  @BeforeAll
  static void start() throws Exception {
    fx = new LawfulFixture("legalhold", Map.of());
    warrants = new WarrantRequests(fx);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  @Test
  void aHeldReadSurvivesExpiryAndIsReleasedWhenTheCaseCloses() throws Exception {
    Instant now = fx.clock.instant();
    String held = fx.read("cam-1", "01777KS", now.minus(Duration.ofDays(1)), null, null);
    String notHeld = fx.read("cam-1", "01777KS", now.minus(Duration.ofDays(1)).plusSeconds(60), null, null);
    JsonObject w = warrants.approvedForPlates("analyst-1", "01777KS");
    String id = w.getString("id");
    String analyst = fx.token("analyst-1", Role.ANALYST);
    HttpResponse<String> found = fx.post("/v1/queries/plate-history", analyst,
        WarrantRequests.query(id, now.minus(Duration.ofDays(1)), now).put("plate", "01777KS"));
    assertThat(new JsonObject(found.body()).getJsonArray("items")).hasSize(2);

    HttpResponse<String> hold = fx.post("/v1/holds", analyst, new JsonObject().put("warrantId", id)
        .put("readIds", new JsonArray().add(held)).put("justification", "evidence for the prosecutor"));
    assertThat(hold.statusCode()).as(hold.body()).isEqualTo(201);
    String caseRef = new JsonObject(hold.body()).getString("caseRef");
    assertThat(caseRef).isEqualTo("case:" + w.getString("caseId"));

    fx.clock.advance(Duration.ofDays(31));
    assertThat(fx.partitions().run().dropped()).isNotEmpty();
    assertThat(fx.count("SELECT count(*) FROM plate_reads WHERE event_id IN ('" + held + "', '" + notHeld + "')")).isZero();
    assertThat(fx.count("SELECT count(*) FROM held_reads WHERE event_id = '" + held + "'")).isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM held_reads WHERE event_id = '" + held + "' AND plate_hash IS NOT NULL AND plate_ct IS NOT NULL")).isEqualTo(1);

    // Closing the case releases the hold: the copy stays until the retention job expires it under the read retention.
    String caseId = w.getString("caseId");
    HttpResponse<String> close = fx.post("/v1/cases/" + caseId + "/close", fx.token("approver-1", Role.APPROVER),
        new JsonObject().put("outcome", "convicted").put("note", "judgment of the district court, 2026-12-01"));
    assertThat(close.statusCode()).as(close.body()).isEqualTo(200);
    assertThat(new JsonObject(close.body()).getInteger("releasedReads")).isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM legal_holds WHERE case_ref = '" + caseRef + "' AND released_at IS NOT NULL"))
        .isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM cases WHERE case_id = '" + caseId + "' AND state = 'closed'"
        + " AND outcome = 'convicted' AND closed_by = 'approver-1'")).isEqualTo(1);
    assertThat(fx.partitions().run().heldExpired()).isPositive();
    assertThat(fx.count("SELECT count(*) FROM held_reads WHERE event_id = '" + held + "'")).isZero();
    HttpResponse<String> again = fx.post("/v1/cases/" + caseId + "/close", fx.token("approver-2", Role.APPROVER),
        new JsonObject().put("outcome", "other").put("note", "again"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(again.body()).getString("error")).isEqualTo("case_closed");

    assertThat(fx.count("SELECT count(*) FROM audit_log WHERE action = 'hold.add' AND target = 'case " + caseRef
        + "' AND '" + held + "' = ANY (record_ids)")).isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM audit_log WHERE action = 'hold.release' AND actor = 'approver-1'"
        + " AND '" + held + "' = ANY (record_ids)")).isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM audit_log WHERE action = 'case.close' AND target = 'case " + caseId
        + "' AND '" + id + "' = ANY (record_ids)")).isEqualTo(1);
    assertThat(fx.audit.verify()).isEmpty();
  }

  @Test
  void aRevokedWarrantStopsQueriesAndMarksAtOnceButItsHoldStaysUntilTheCaseCloses() throws Exception {
    Instant now = fx.clock.instant();
    String read = fx.read("cam-2", "01555KS", now.minus(Duration.ofHours(2)), null, null);
    String later = fx.read("cam-2", "01555KS", now.minus(Duration.ofHours(1)), null, null);
    JsonObject w = warrants.approvedForPlates("analyst-3", "01555KS");
    String id = w.getString("id");
    String caseId = w.getString("caseId");
    String analyst = fx.token("analyst-3", Role.ANALYST);
    JsonObject query = WarrantRequests.query(id, now.minus(Duration.ofDays(1)), now).put("plate", "01555KS");
    assertThat(fx.post("/v1/queries/plate-history", analyst, query).statusCode()).isEqualTo(200);
    assertThat(fx.post("/v1/holds", analyst, hold(id, read)).statusCode()).isEqualTo(201);

    assertThat(warrants.act(id, "revoke", "approver-1", Role.APPROVER).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = fx.post("/v1/queries/plate-history", analyst, query);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("revoked");
    HttpResponse<String> mark = fx.post("/v1/holds", analyst, hold(id, later));
    assertThat(mark.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(mark.body()).getString("error")).isEqualTo("revoked");
    assertThat(fx.count("SELECT count(*) FROM held_reads r JOIN legal_holds h USING (case_ref) WHERE r.event_id = '"
        + read + "' AND h.released_at IS NULL")).as("evidence held under the revoked warrant stays held").isEqualTo(1);

    // A second warrant of the same case works until the case is closed; then everything under the case is refused.
    JsonObject second = warrants.request("analyst-3", warrants.body(new JsonObject().put("plates",
        new JsonArray().add("01555KS")), now.minus(Duration.ofDays(1)), now.plus(Duration.ofHours(1))).put("caseId", caseId));
    String secondId = second.getString("id");
    assertThat(warrants.act(secondId, "approve", "approver-1", Role.APPROVER).statusCode()).isEqualTo(200);
    JsonObject secondQuery = WarrantRequests.query(secondId, now.minus(Duration.ofDays(1)), now).put("plate", "01555KS");
    assertThat(fx.post("/v1/queries/plate-history", analyst, secondQuery).statusCode()).isEqualTo(200);
    JsonObject pending = warrants.request("analyst-3", warrants.body(new JsonObject().put("plates",
        new JsonArray().add("01555KS")), now.minus(Duration.ofDays(1)), now).put("caseId", caseId));

    HttpResponse<String> close = fx.post("/v1/cases/" + caseId + "/close", fx.token("approver-2", Role.APPROVER),
        new JsonObject().put("outcome", "discontinued").put("note", "prosecutor dropped the charge"));
    assertThat(close.statusCode()).as(close.body()).isEqualTo(200);
    assertThat(new JsonObject(close.body()).getJsonArray("warrants")).hasSize(3);
    assertThat(fx.count("SELECT count(*) FROM legal_holds WHERE case_ref = 'case:" + caseId + "' AND released_at IS NOT NULL"))
        .isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM held_reads WHERE event_id = '" + read + "'"))
        .as("released, expired later under the read retention").isEqualTo(1);

    HttpResponse<String> afterClose = fx.post("/v1/queries/plate-history", analyst, secondQuery);
    assertThat(afterClose.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(afterClose.body()).getString("error")).isEqualTo("case_closed");
    HttpResponse<String> markAfterClose = fx.post("/v1/holds", analyst, hold(secondId, later));
    assertThat(markAfterClose.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(markAfterClose.body()).getString("error")).isEqualTo("case_closed");
    HttpResponse<String> approve = warrants.act(pending.getString("id"), "approve", "approver-1", Role.APPROVER);
    assertThat(approve.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(approve.body()).getString("error")).isEqualTo("case_closed");
    HttpResponse<String> newWarrant = fx.post("/v1/warrants", analyst, warrants.body(new JsonObject().put("plates",
        new JsonArray().add("01555KS")), now.minus(Duration.ofDays(1)), now).put("caseId", caseId));
    assertThat(newWarrant.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(newWarrant.body()).getString("error")).isEqualTo("case_closed");
    assertThat(fx.count("SELECT count(*) FROM audit_log WHERE action = 'query.plate-history.refused'"
        + " AND detail LIKE 'case_closed%' AND warrant_id = '" + secondId + "'")).isEqualTo(1);
  }

  @Test
  void onlyApproversCloseCasesAndBadClosesNameTheField() throws Exception {
    JsonObject w = warrants.approvedForPlates("analyst-4", "01444KS");
    String path = "/v1/cases/" + w.getString("caseId") + "/close";
    JsonObject body = new JsonObject().put("outcome", "acquitted").put("note", "court");
    assertThat(fx.post(path, fx.token("analyst-4", Role.ANALYST), body).statusCode()).isEqualTo(403);
    assertThat(fx.post(path, null, body).statusCode()).isEqualTo(401);
    HttpResponse<String> bad = fx.post(path, fx.token("approver-1", Role.APPROVER), body.copy().put("outcome", "won"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("outcome");
    assertThat(fx.post("/v1/cases/NO-SUCH-CASE/close", fx.token("approver-1", Role.APPROVER), body).statusCode())
        .isEqualTo(404);
    assertThat(fx.post(path, fx.token("approver-1", Role.APPROVER), body).statusCode()).as("no hold: closes all the same")
        .isEqualTo(200);
  }

  static JsonObject hold(String warrantId, String readId) {
    return new JsonObject().put("warrantId", warrantId).put("readIds", new JsonArray().add(readId))
        .put("justification", "evidence for the prosecutor");
  }

  @Test
  void onlyReadsDisclosedUnderTheWarrantCanBeHeld() throws Exception {
    String other = fx.read("cam-1", "09999KS", fx.clock.instant().minus(Duration.ofHours(1)), null, null);
    String id = warrants.approvedForPlates("analyst-2", "01777KS").getString("id");
    HttpResponse<String> r = fx.post("/v1/holds", fx.token("analyst-2", Role.ANALYST), new JsonObject().put("warrantId", id)
        .put("readIds", new JsonArray().add(other)).put("justification", "fishing"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("not_disclosed_under_warrant");
    assertThat(fx.count("SELECT count(*) FROM held_reads WHERE event_id = '" + other + "'")).isZero();
  }
}
