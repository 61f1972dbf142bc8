package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.Severity;
import io.corridor.rules.HotlistRepository;
import io.corridor.testkit.TestDatabase;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A read acknowledged by a node whose rules never ran (it only ingests, then it is gone) is
 * evaluated by the next node from the durable outbox: exactly one alert and one violation, also
 * after a retry.
 */
class RulesFailoverIT {

  @Test
  void aReadCommittedByANodeThatStoppedBeforeItsRulesRanIsEvaluatedByTheNextNode() throws Exception {
    String db = TestDatabase.fresh("rules_failover");
    String cluster = NodeFixture.uniqueCluster();
    String readId = UUID.randomUUID().toString();
    String read = new io.vertx.core.json.JsonObject(IngestIT.json(readId, "01999KS", Instant.now())).put("speedKmh", 120)
        .encode();
    CorridorNode first = CorridorNode.start(NodeFixture.settings(db, cluster, Map.of("violations.outbox.consume", "false")));
    try {
      NodeFixture.registerDevices(first);
      new HotlistRepository(first.database().dataSource())
          .add("stolen-99", "01999KS", "reported stolen", Severity.CRITICAL, "test", first.protector());
      String operator = first.tokens().mint("operator-1", io.corridor.platform.auth.Role.OPERATOR, java.time.Duration.ofMinutes(5));
      assertThat(NodeFixture.putAs(first, "/v1/rules/speed-xk", operator, """
          id: speed-xk
          type: spot-speed
          tolerances: [{country: XK, bands: [{kmh: 5}]}]
          """).statusCode()).isEqualTo(200);
      assertThat(NodeFixture.putAs(first, "/v1/sites/xk-1", operator, """
          {"device": "%s", "country": "XK", "limits": {"car": 80}, "measurement": "radar",
           "calibration": {"certificate": "KMA-1", "validUntil": "2030-01-01"}, "purpose": "network"}"""
          .formatted(NodeFixture.CAMERA)).statusCode()).isEqualTo(200);
      assertThat(NodeFixture.postJson(first, read).statusCode()).isEqualTo(200);
      Thread.sleep(1500);
      assertThat(NodeFixture.count(first, "SELECT count(*) FROM alerts")).as("no rules ran on the first node").isZero();
      assertThat(NodeFixture.count(first, "SELECT count(*) FROM violations")).isZero();
      assertThat(NodeFixture.count(first, "SELECT count(*) FROM rules_outbox")).isEqualTo(1);
    } finally {
      first.close();
    }

    CorridorNode next = CorridorNode.start(NodeFixture.settings(db, cluster, Map.of()));
    try {
      long deadline = System.currentTimeMillis() + 15_000;
      while (NodeFixture.count(next, "SELECT count(*) FROM alerts WHERE subject_id = '" + readId + "'") == 0
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      assertThat(NodeFixture.count(next, "SELECT count(*) FROM alerts WHERE subject_id = '" + readId + "'")).isEqualTo(1);
      assertThat(NodeFixture.postJson(next, read).statusCode()).as("the camera retries").isEqualTo(200);
      Thread.sleep(1500);
      assertThat(NodeFixture.count(next, "SELECT count(*) FROM alerts WHERE subject_id = '" + readId + "'")).isEqualTo(1);
      assertThat(NodeFixture.count(next, "SELECT count(*) FROM rules_outbox")).isZero();
      assertThat(NodeFixture.count(next, "SELECT count(*) FROM violations v JOIN violation_reads r USING (violation_id)"
          + " WHERE v.kind = 'SPEED' AND r.read_id = '" + readId + "'")).as("exactly one violation").isEqualTo(1);
    } finally {
      next.close();
    }
  }
}
