package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.events.Severity;
import io.corridor.rules.HotlistRepository;
import io.corridor.storage.AuditLog;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A hotlisted plate read by a camera reaches an officer as one alert, and the access is audited. */
class AlertsIT {

  static CorridorNode node;

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("alerts"), NodeFixture.uniqueCluster(), Map.of()));
    NodeFixture.registerDevices(node);
    new HotlistRepository(node.database().dataSource())
        .add("stolen-42", "01777KS", "reported stolen", Severity.CRITICAL, "test", node.protector());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static JsonArray alertsFor(String subjectId) throws Exception {
    String token = node.tokens().mint("officer-7", Role.OFFICER, Duration.ofMinutes(5));
    HttpResponse<String> response = NodeFixture.get(node, "/v1/alerts?since=2000-01-01T00:00:00Z", token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonArray matching = new JsonArray();
    new JsonObject(response.body()).getJsonArray("alerts").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("subjectId").equals(subjectId)).forEach(matching::add);
    return matching;
  }

  @Test
  void hotlistMatchRaisesOneAlertEvenWhenTheReadIsRetried() throws Exception {
    String id = UUID.randomUUID().toString();
    String read = IngestIT.json(id, "01-777-KS", Instant.now());
    assertThat(NodeFixture.postJson(node, read).statusCode()).isEqualTo(200);
    JsonArray alerts = waitForAlerts(id, 1);
    JsonObject alert = alerts.getJsonObject(0);
    assertThat(alert.getString("kind")).isEqualTo("HOTLIST_MATCH");
    assertThat(alert.getString("severity")).isEqualTo("CRITICAL");
    assertThat(alert.getString("plate")).isEqualTo("01777KS");
    assertThat(alert.getString("reason")).contains("stolen-42");

    assertThat(NodeFixture.postJson(node, read).statusCode()).isEqualTo(200);
    Thread.sleep(500);
    assertThat(alertsFor(id)).hasSize(1);
    assertThat(alertsFor(id).getJsonObject(0).getString("id")).isEqualTo(alert.getString("id"));
  }

  @Test
  void aPlateNotOnTheHotlistRaisesNothing() throws Exception {
    String id = UUID.randomUUID().toString();
    assertThat(NodeFixture.postJson(node, IngestIT.json(id, "01778KS", Instant.now())).statusCode()).isEqualTo(200);
    Thread.sleep(1000);
    assertThat(alertsFor(id)).isEmpty();
  }

  @Test
  void alertsNeedAnUnexpiredOfficerToken() throws Exception {
    assertThat(NodeFixture.get(node, "/v1/alerts", null).statusCode()).isEqualTo(401);
    assertThat(NodeFixture.get(node, "/v1/alerts", "not.a.token").statusCode()).isEqualTo(401);
    String expired = node.tokens().mint("officer-7", Role.OFFICER, Duration.ofSeconds(1));
    Thread.sleep(2100);
    HttpResponse<String> late = NodeFixture.get(node, "/v1/alerts", expired);
    assertThat(late.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(late.body()).getString("reason")).contains("unexpired");
    String analyst = node.tokens().mint("analyst-1", Role.ANALYST, Duration.ofMinutes(5));
    assertThat(NodeFixture.get(node, "/v1/alerts", analyst).statusCode()).isEqualTo(403);
    String officer = node.tokens().mint("officer-7", Role.OFFICER, Duration.ofMinutes(5));
    HttpResponse<String> bad = NodeFixture.get(node, "/v1/alerts?since=yesterday", officer);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("since");
  }

  @Test
  void everyAlertQueryIsAuditedInAnIntactChain() throws Exception {
    String token = node.tokens().mint("officer-audited", Role.OFFICER, Duration.ofMinutes(5));
    assertThat(NodeFixture.get(node, "/v1/alerts", token).statusCode()).isEqualTo(200);
    try (Connection c = node.database().dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE actor = 'officer-audited' AND action = 'alerts.list'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
    AuditLog audit = new AuditLog(node.database().dataSource(), Clock.systemUTC());
    assertThat(audit.verify()).isEmpty();
  }

  static JsonArray waitForAlerts(String subjectId, int expected) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    JsonArray alerts = alertsFor(subjectId);
    while (alerts.size() < expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      alerts = alertsFor(subjectId);
    }
    assertThat(alerts).hasSize(expected);
    return alerts;
  }
}
