package io.corridor.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.api.LawfulFixture;
import io.corridor.api.WarrantRequests;
import io.corridor.platform.auth.Role;
import io.corridor.storage.audit.AnchorFile;
import io.corridor.storage.audit.AnchorOptions;
import io.corridor.storage.audit.AuditAnchor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/audit} for auditors, and the node's anchoring of the chain head on its timer. */
class AuditApiIT {

  @TempDir static Path dir;
  static LawfulFixture fx;
  static WarrantRequests warrants;
  static String warrantId;
  static String[] keys = AnchorOptions.generateKeyPair();

  @BeforeAll
  static void start() throws Exception {
    fx = new LawfulFixture("auditapi", Map.of(AnchorOptions.PRIVATE_KEY.name(), keys[0], AnchorOptions.PUBLIC_KEY.name(),
        keys[1], AnchorOptions.FILE.name(), dir.resolve("anchors.log").toString(), AnchorOptions.INTERVAL.name(), "200ms"));
    warrants = new WarrantRequests(fx);
    fx.read("cam-1", "01777KS", fx.clock.instant().minus(Duration.ofHours(1)), null, null);
    warrantId = warrants.approvedForPlates("analyst-1", "01777KS").getString("id");
    for (int i = 0; i < 3; i++) {
      fx.post("/v1/queries/plate-history", fx.token("analyst-1", Role.ANALYST),
          WarrantRequests.query(warrantId, fx.clock.instant().minus(Duration.ofHours(2)), fx.clock.instant())
              .put("plate", "01777KS"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  @Test
  void auditorsFilterByWarrantAndActorAndPage() throws Exception {
    String auditor = fx.token("auditor-1", Role.AUDITOR);
    JsonArray forWarrant = new JsonObject(fx.get("/v1/audit?warrant=" + warrantId, auditor).body()).getJsonArray("items");
    assertThat(forWarrant.stream().map(r -> ((JsonObject) r).getString("action")))
        .containsExactly("warrant.request", "warrant.approve", "query.plate-history", "query.plate-history",
            "query.plate-history");
    JsonObject query = forWarrant.getJsonObject(2);
    assertThat(query.getString("actor")).isEqualTo("analyst-1");
    assertThat(query.getString("justification")).isNotBlank();
    assertThat(query.getJsonObject("params").getString("plateHash")).hasSize(64);
    assertThat(query.getJsonArray("recordIds")).hasSize(1);

    JsonArray byApprover = new JsonObject(fx.get("/v1/audit?actor=approver-1", auditor).body()).getJsonArray("items");
    assertThat(byApprover).hasSize(1);

    JsonObject first = new JsonObject(fx.get("/v1/audit?warrant=" + warrantId + "&limit=2", auditor).body());
    assertThat(first.getJsonArray("items")).hasSize(2);
    JsonObject second = new JsonObject(fx.get("/v1/audit?warrant=" + warrantId + "&limit=2&after=" + first.getLong("next"),
        auditor).body());
    assertThat(second.getJsonArray("items").getJsonObject(0).getLong("seq")).isGreaterThan(first.getLong("next"));

    String from = fx.clock.instant().plus(Duration.ofDays(1)).toString();
    assertThat(new JsonObject(fx.get("/v1/audit?from=" + from, auditor).body()).getJsonArray("items")).isEmpty();
  }

  @Test
  void onlyAuditorsReadTheTrailAndBadParametersAre400() throws Exception {
    assertThat(fx.get("/v1/audit", fx.token("analyst-1", Role.ANALYST)).statusCode()).isEqualTo(403);
    assertThat(fx.get("/v1/audit", null).statusCode()).isEqualTo(401);
    HttpResponse<String> bad = fx.get("/v1/audit?from=yesterday", fx.token("auditor-1", Role.AUDITOR));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("from");
  }

  @Test
  void theNodeAnchorsTheHeadOnItsTimer() throws Exception {
    AnchorFile file = new AnchorFile(dir.resolve("anchors.log"));
    long deadline = System.currentTimeMillis() + 10_000;
    List<AuditAnchor> anchors = file.readAll();
    while ((anchors.isEmpty() || anchors.getLast().seq() < fx.audit.head().seq()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      anchors = file.readAll();
    }
    AuditAnchor last = anchors.getLast();
    assertThat(last.seq()).isEqualTo(fx.audit.head().seq());
    assertThat(last.hash()).isEqualTo(fx.audit.head().hash());
    assertThat(last.verify(new AnchorOptions(fx.settings).publicKey().orElseThrow())).isTrue();
  }
}
