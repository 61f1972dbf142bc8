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

/** Reads held for a warrant's case survive the retention run that drops their partition, until released. */
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
    assertThat(fx.count("SELECT count(*) FROM held_reads WHERE plate_hash IS NOT NULL AND plate_ct IS NOT NULL")).isEqualTo(1);

    HttpResponse<String> release = fx.post("/v1/holds/" + caseRef + "/release", fx.token("approver-1", Role.APPROVER),
        new JsonObject().put("note", "case closed by the court"));
    assertThat(release.statusCode()).as(release.body()).isEqualTo(200);
    assertThat(new JsonObject(release.body()).getInteger("released")).isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM held_reads")).isZero();
    assertThat(fx.post("/v1/holds/" + caseRef + "/release", fx.token("approver-1", Role.APPROVER),
        new JsonObject().put("note", "again")).statusCode()).isEqualTo(409);

    assertThat(fx.count("SELECT count(*) FROM audit_log WHERE action = 'hold.add' AND target = 'case " + caseRef
        + "' AND '" + held + "' = ANY (record_ids)")).isEqualTo(1);
    assertThat(fx.count("SELECT count(*) FROM audit_log WHERE action = 'hold.release' AND actor = 'approver-1'"
        + " AND '" + held + "' = ANY (record_ids)")).isEqualTo(1);
    assertThat(fx.audit.verify()).isEmpty();
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
