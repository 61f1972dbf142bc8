package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retention job expires the cargo data of ended shipments, each class a configured time after
 * the shipment ended: the positions of its trackers during the journey first, then its alerts,
 * then its declaration and transitions. Shipments under way keep everything; {@code GET
 * /v1/retention} shows the classes with their limits and what outlives them.
 */
class CargoRetentionIT {

  static CorridorNode node;
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("cargo_retention"), NodeFixture.uniqueCluster(),
        Map.of("tracking.retention.shipments", "40d", "tracking.retention.cargo-alerts", "20d",
            "tracking.retention.ended-shipment-positions", "5d")));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void endedShipmentsLoseTheirPositionsThenAlertsThenDeclarationsAndTheReportShowsIt() throws Exception {
    // long ended: everything goes; ended 10 days ago: positions go, alerts and declaration stay;
    // in transit for 12 days: everything stays; cancelled long ago, never released: declaration goes
    String old = shipment(1, "closed", 52, 45, "trk-old");
    String recent = shipment(2, "closed", 12, 10, "trk-recent");
    String moving = shipment(3, "released", 12, 0, "trk-moving");
    String cancelled = shipment(4, "cancelled", 60, 59, "trk-none");
    positionsOf("trk-old", 51, 50);
    positionsOf("trk-recent", 11);
    positionsOf("trk-recent", 9, 8); // after the shipment ended: not the journey's, kept
    positionsOf("trk-moving", 11, 10);
    alert(old, 50);
    alert(recent, 11);
    alert(moving, 11);

    String auditor = node.tokens().mint("auditor-7", Role.AUDITOR, Duration.ofMinutes(5));
    JsonObject before = new JsonObject(NodeFixture.get(node, "/v1/retention", auditor).body());
    assertThat(dataClass(before, "shipments").getBoolean("outlivesLimit")).isTrue();
    assertThat(dataClass(before, "shipments").getString("limit")).isEqualTo("PT960H");
    assertThat(dataClass(before, "cargo_alerts").getBoolean("outlivesLimit")).isTrue();
    assertThat(dataClass(before, "ended_shipment_positions").getBoolean("outlivesLimit")).isTrue();
    assertThat(dataClass(before, "ended_shipment_positions").getLong("rows")).as("ended shipments with positions").isEqualTo(3);

    node.runRetention(Duration.ZERO).orElseThrow();

    assertThat(count("SELECT count(*) FROM positions WHERE device_id = 'trk-old'")).isZero();
    assertThat(count("SELECT count(*) FROM positions WHERE device_id = 'trk-recent'")).as("only those after the end").isEqualTo(2);
    assertThat(count("SELECT count(*) FROM positions WHERE device_id = 'trk-moving'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM cargo_alerts WHERE shipment_id = '" + old + "'")).isZero();
    assertThat(count("SELECT count(*) FROM cargo_alerts WHERE shipment_id IN ('" + recent + "', '" + moving + "')"))
        .isEqualTo(2);
    assertThat(count("SELECT count(*) FROM shipments WHERE shipment_id IN ('" + old + "', '" + cancelled + "')")).isZero();
    assertThat(count("SELECT count(*) FROM shipment_transitions WHERE shipment_id = '" + old + "'")).isZero();
    assertThat(count("SELECT count(*) FROM shipments WHERE shipment_id IN ('" + recent + "', '" + moving + "')"))
        .isEqualTo(2);
    assertThat(count("SELECT count(*) FROM shipment_transitions WHERE shipment_id = '" + recent + "'")).isEqualTo(3);

    JsonObject after = new JsonObject(NodeFixture.get(node, "/v1/retention", auditor).body());
    for (String name : new String[] {"shipments", "cargo_alerts", "ended_shipment_positions"}) {
      assertThat(dataClass(after, name).getBoolean("outlivesLimit")).as(name).isFalse();
    }
    assertThat(dataClass(after, "shipments").getLong("rows")).as("ended shipments held").isEqualTo(1);
    assertThat(dataClass(after, "ended_shipment_positions").getLong("rows")).isZero();
  }

  static JsonObject dataClass(JsonObject report, String name) {
    return report.getJsonArray("classes").stream().map(JsonObject.class::cast).filter(c -> c.getString("class").equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no class " + name + " in " + report.encode()));
  }

  /** A shipment declared {@code declaredDaysAgo}, released a day later, ended (when closed or cancelled) {@code endedDaysAgo}. */
  private static String shipment(int n, String state, int declaredDaysAgo, int endedDaysAgo, String tracker) throws Exception {
    String id = UUID.randomUUID().toString();
    Instant declared = NOW.minus(Duration.ofDays(declaredDaysAgo));
    Instant ended = NOW.minus(Duration.ofDays(endedDaysAgo));
    try (Connection c = node.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("""
            INSERT INTO shipments (shipment_id, mrn, goods, state, truck_plate_hash, truck_plate_ct, trackers, declaration,
              declared_by, declared_at, updated_at)
            VALUES (?::uuid, ?, 'fuel', ?, '\\x01', '\\x01', ARRAY[?], '{}', 'customs-1', ?, ?)""");
        PreparedStatement step = c.prepareStatement("""
            INSERT INTO shipment_transitions (shipment_id, seq, action, from_state, to_state, actor, at)
            VALUES (?::uuid, ?, ?, ?, ?, 'customs-1', ?)""")) {
      ps.setString(1, id);
      ps.setString(2, "26AL00000000000" + n + "0" + n);
      ps.setString(3, state);
      ps.setString(4, tracker);
      ps.setTimestamp(5, Timestamp.from(declared));
      ps.setTimestamp(6, Timestamp.from(state.equals("released") ? declared.plus(Duration.ofDays(1)) : ended));
      ps.executeUpdate();
      String[][] steps = state.equals("cancelled") ? new String[][] {{"cancel", "declared", "cancelled"}}
          : state.equals("released") ? new String[][] {{"release", "declared", "released"}}
          : new String[][] {{"release", "declared", "released"}, {"arrive", "released", "arrived"}, {"close", "arrived", "closed"}};
      for (int i = 0; i < steps.length; i++) {
        step.setString(1, id);
        step.setInt(2, i + 1);
        step.setString(3, steps[i][0]);
        step.setString(4, steps[i][1]);
        step.setString(5, steps[i][2]);
        step.setTimestamp(6, Timestamp.from(i == 0 && !state.equals("cancelled") ? declared.plus(Duration.ofDays(1)) : ended));
        step.addBatch();
      }
      step.executeBatch();
    }
    return id;
  }

  private static void positionsOf(String tracker, int... daysAgo) throws Exception {
    // an hour after the day's release: on the next UTC day when the test runs after 23:00
    NodeFixture.positions(node, tracker, java.util.Arrays.stream(daysAgo)
        .mapToObj(d -> NOW.minus(Duration.ofDays(d)).plus(Duration.ofHours(1))).toList());
  }

  private static void alert(String shipment, int daysAgo) throws Exception {
    NodeFixture.cargoAlert(node, shipment, "OFF_CORRIDOR", "left the corridor", NOW.minus(Duration.ofDays(daysAgo)));
  }

  private static long count(String sql) throws Exception {
    return NodeFixture.count(node, sql);
  }
}
