package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.testkit.SchemaScan;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * At an enforcement site only offences are kept: a read there that leads to no violation is gone
 * from every table of the database at most one retention interval after its pairing window
 * closed, while the offence read beside it stays with its violation.
 */
class EnforcementPrivacyIT {

  static CorridorNode node;
  static String operator;

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("enforcement_privacy"), NodeFixture.uniqueCluster(),
        Map.of("retention.interval", "2s", "rules.sweep-interval", "1s",
            "violations.enforcement.margin", "2s")));
    NodeFixture.registerDevices(node);
    operator = node.tokens().mint("operator-1", Role.OPERATOR, Duration.ofMinutes(10));
    put("/v1/sites/xk-m9-km3", """
        {"device": "%s", "country": "XK", "timezone": "Europe/Belgrade", "limits": {"car": 100},
         "measurement": "radar", "calibration": {"certificate": "KMA-2026-17", "validUntil": "2030-05-01"},
         "purpose": "enforcement"}""".formatted(NodeFixture.CAMERA));
    put("/v1/rules/speed-xk", """
        id: speed-xk
        type: spot-speed
        tolerances: [{country: XK, bands: [{kmh: 5}]}]
        """);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static void put(String path, String body) throws Exception {
    HttpResponse<String> r = NodeFixture.putAs(node, path, operator, body);
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
  }

  static String read(String plate, float speed) throws Exception {
    String id = UUID.randomUUID().toString();
    JsonObject read = new JsonObject().put("eventId", id).put("deviceId", NodeFixture.CAMERA)
        .put("eventTime", Instant.now().minusSeconds(2).toString()).put("plate", plate).put("country", "XK")
        .put("confidence", 0.95).put("speedKmh", speed);
    assertThat(NodeFixture.postJson(node, read.encode()).statusCode()).isEqualTo(200);
    return id;
  }

  @Test
  void aReadThatProvesNothingIsGoneFromEveryTableWithinARetentionIntervalOfItsWindow() throws Exception {
    String innocent = read("01LAW01", 92f);
    String offence = read("01FAST1", 131f);
    long deadline = System.currentTimeMillis() + 10_000;
    while (NodeFixture.count(node, "SELECT count(*) FROM violations") == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    List<String> traces = SchemaScan.readTraces(node.database().dataSource(), innocent);
    assertThat(traces).as("stored at first, plate as hash and ciphertext").hasSize(3);

    // Window: no section (0) + margin (2 s); then at most one retention interval (2 s).
    deadline = System.currentTimeMillis() + 15_000;
    while (!SchemaScan.tablesContaining(node.database().dataSource(), traces).isEmpty()
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
    }
    assertThat(SchemaScan.tablesContaining(node.database().dataSource(), traces)).as("tables still holding it").isEmpty();
    assertThat(SchemaScan.tablesContaining(node.database().dataSource(),
        SchemaScan.readTraces(node.database().dataSource(), offence))).contains("plate_reads", "violation_reads");
    String officer = node.tokens().mint("officer-1", Role.OFFICER, Duration.ofMinutes(5));
    JsonObject page = new JsonObject(NodeFixture.get(node, "/v1/violations?kind=SPEED", officer).body());
    assertThat(page.getJsonArray("violations")).singleElement().satisfies(v -> {
      JsonObject violation = (JsonObject) v;
      assertThat(violation.getString("plate")).isEqualTo("01FAST1");
      assertThat(violation.getJsonObject("detail").getDouble("retained")).isEqualTo(126.0);
      assertThat(violation.getJsonObject("detail").getString("calibrationCertificate")).isEqualTo("KMA-2026-17");
    });
  }
}
