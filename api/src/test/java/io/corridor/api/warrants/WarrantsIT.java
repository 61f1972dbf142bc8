package io.corridor.api.warrants;

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

/** Warrants over real HTTP and PostgreSQL: request, approval rules, the transition table, listing. */
class WarrantsIT {

  static LawfulFixture fx;
  static WarrantRequests warrants;

  @BeforeAll
  static void start() throws Exception {
    fx = new LawfulFixture("warrants", Map.of());
    warrants = new WarrantRequests(fx);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  JsonObject recent(String analyst) throws Exception {
    Instant now = fx.clock.instant();
    return warrants.request(analyst, warrants.body(new JsonObject().put("plates", new JsonArray().add("01-777-KS")),
        now.minus(Duration.ofDays(2)), now));
  }

  @Test
  void aRecentWindowNeedsOneApprovalFromSomeoneElse() throws Exception {
    JsonObject w = recent("analyst-a");
    assertThat(w.getString("state")).isEqualTo("REQUESTED");
    assertThat(w.getInteger("approvalsNeeded")).isEqualTo(1);
    assertThat(w.getJsonObject("scope").getJsonArray("plates")).containsExactly("01777KS");

    HttpResponse<String> self = warrants.act(w.getString("id"), "approve", "analyst-a", Role.APPROVER);
    assertThat(self.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(self.body()).getString("error")).isEqualTo("self_approval");

    HttpResponse<String> ok = warrants.act(w.getString("id"), "approve", "approver-1", Role.APPROVER);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonObject approved = new JsonObject(ok.body());
    assertThat(approved.getString("state")).isEqualTo("APPROVED");
    assertThat(approved.getJsonArray("transitions")).hasSize(2);
    assertThat(approved.getJsonArray("transitions").getJsonObject(1).getString("actor")).isEqualTo("approver-1");
    assertThat(approved.getJsonArray("transitions").getJsonObject(1).getString("note")).isEqualTo("checked");
  }

  @Test
  void aWindowPastTheOpenTierNeedsASecondDifferentApprover() throws Exception {
    Instant now = fx.clock.instant();
    JsonObject w = warrants.request("analyst-b", warrants.body(new JsonObject().put("cameras", new JsonArray().add("cam-1")),
        now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(19))));
    assertThat(w.getInteger("approvalsNeeded")).isEqualTo(2);
    String id = w.getString("id");
    JsonObject first = new JsonObject(warrants.act(id, "approve", "approver-1", Role.APPROVER).body());
    assertThat(first.getString("state")).isEqualTo("PARTLY_APPROVED");
    HttpResponse<String> again = warrants.act(id, "approve", "approver-1", Role.APPROVER);
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(again.body()).getString("error")).isEqualTo("same_approver");
    JsonObject second = new JsonObject(warrants.act(id, "approve", "approver-2", Role.APPROVER).body());
    assertThat(second.getString("state")).isEqualTo("APPROVED");
  }

  @Test
  void aLongWindowNeedsTwoApprovalsToo() throws Exception {
    Instant now = fx.clock.instant();
    JsonObject w = warrants.request("analyst-b", warrants.body(new JsonObject().put("cameras", new JsonArray().add("cam-1")),
        now.minus(Duration.ofDays(13)), now.plus(Duration.ofDays(2))));
    assertThat(w.getInteger("approvalsNeeded")).isEqualTo(2);
  }

  @Test
  void illegalStepsAre409WithTheCurrentState() throws Exception {
    String id = recent("analyst-c").getString("id");
    assertThat(warrants.act(id, "reject", "approver-1", Role.APPROVER).statusCode()).isEqualTo(200);
    HttpResponse<String> late = warrants.act(id, "approve", "approver-2", Role.APPROVER);
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(late.body()).getString("reason")).contains("REJECTED");
    assertThat(warrants.act(id, "revoke", "approver-2", Role.APPROVER).statusCode()).isEqualTo(409);
  }

  @Test
  void theRequesterOrAnApproverMayRevokeButNoOtherAnalyst() throws Exception {
    String id = warrants.approvedForPlates("analyst-d", "AB123CD").getString("id");
    HttpResponse<String> other = warrants.act(id, "revoke", "analyst-x", Role.ANALYST);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(other.body()).getString("error")).isEqualTo("not_requester");
    HttpResponse<String> own = warrants.act(id, "revoke", "analyst-d", Role.ANALYST);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(new JsonObject(own.body()).getString("state")).isEqualTo("REVOKED");
  }

  @Test
  void approvingNeedsTheApproverRoleAndANote() throws Exception {
    String id = recent("analyst-e").getString("id");
    assertThat(warrants.act(id, "approve", "analyst-f", Role.ANALYST).statusCode()).isEqualTo(403);
    HttpResponse<String> noNote = fx.post("/v1/warrants/" + id + "/approve", fx.token("approver-1", Role.APPROVER),
        new JsonObject());
    assertThat(noNote.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(noNote.body()).getString("field")).isEqualTo("note");
    assertThat(fx.post("/v1/warrants/" + id + "/approve", null, new JsonObject()).statusCode()).isEqualTo(401);
  }

  @Test
  void badRequestsName400TheField() throws Exception {
    Instant now = fx.clock.instant();
    JsonObject noScope = warrants.body(new JsonObject(), now.minus(Duration.ofDays(1)), now);
    HttpResponse<String> r = fx.post("/v1/warrants", fx.token("analyst-a", Role.ANALYST), noScope);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("field")).isEqualTo("scope");
    JsonObject backwards = warrants.body(new JsonObject().put("cameras", new JsonArray().add("c")), now, now.minusSeconds(5));
    assertThat(new JsonObject(fx.post("/v1/warrants", fx.token("analyst-a", Role.ANALYST), backwards).body())
        .getString("field")).isEqualTo("to");
    JsonObject badArea = warrants.body(new JsonObject().put("area", new JsonArray().add(new JsonArray().add(1).add(2))),
        now.minusSeconds(60), now);
    assertThat(new JsonObject(fx.post("/v1/warrants", fx.token("analyst-a", Role.ANALYST), badArea).body())
        .getString("field")).isEqualTo("scope.area");
    assertThat(fx.post("/v1/warrants", fx.token("officer-1", Role.OFFICER), noScope).statusCode()).isEqualTo(403);
  }

  @Test
  void analystsListTheirOwnAuditorsSeeAllWithoutPlates() throws Exception {
    recent("analyst-g");
    recent("analyst-h");
    JsonArray own = new JsonObject(fx.get("/v1/warrants", fx.token("analyst-g", Role.ANALYST)).body()).getJsonArray("items");
    assertThat(own).isNotEmpty().allSatisfy(w -> assertThat(((JsonObject) w).getString("requestedBy")).isEqualTo("analyst-g"));
    HttpResponse<String> all = fx.get("/v1/warrants?limit=500", fx.token("auditor-1", Role.AUDITOR));
    JsonArray items = new JsonObject(all.body()).getJsonArray("items");
    assertThat(items.stream().map(w -> ((JsonObject) w).getString("requestedBy"))).contains("analyst-g", "analyst-h");
    assertThat(items).allSatisfy(w -> assertThat(((JsonObject) w).getJsonObject("scope").containsKey("plates")).isFalse());
    assertThat(fx.count("SELECT count(*) FROM audit_log WHERE action = 'warrants.list' AND actor = 'auditor-1'"))
        .isEqualTo(1);
  }

  @Test
  void everyStepIsRecordedAndAudited() throws Exception {
    String id = recent("analyst-i").getString("id");
    warrants.act(id, "approve", "approver-1", Role.APPROVER);
    warrants.act(id, "revoke", "approver-2", Role.APPROVER);
    assertThat(fx.count("SELECT count(*) FROM warrant_transitions WHERE warrant_id = '" + id + "'")).isEqualTo(3);
    assertThat(fx.count("SELECT count(*) FROM audit_log WHERE warrant_id = '" + id
        + "' AND action IN ('warrant.request', 'warrant.approve', 'warrant.revoke')")).isEqualTo(3);
    assertThat(fx.audit.verify()).isEmpty();
  }
}
