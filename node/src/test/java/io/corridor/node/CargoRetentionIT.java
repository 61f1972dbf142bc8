package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.storage.DailyPartition;
import io.corridor.storage.TimeSeriesTable;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

  private static JsonObject dataClass(JsonObject report, String name) {
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
    try (Connection c = node.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO positions (event_id, device_id, event_time, received_time,"
            + " lat, lon) VALUES (gen_random_uuid(), ?, ?, ?, 42.0, 21.0)")) {
      for (int d : daysAgo) {
        // an hour after the day's release: on the next UTC day when the test runs after 23:00
        Instant at = NOW.minus(Duration.ofDays(d)).plus(Duration.ofHours(1));
        partitionFor(c, at);
        ps.setString(1, tracker);
        ps.setTimestamp(2, Timestamp.from(at));
        ps.setTimestamp(3, Timestamp.from(at));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The day's positions partition, made here because the test writes days no node has been up for. */
  private static void partitionFor(Connection c, Instant at) throws Exception {
    DailyPartition p = new DailyPartition(TimeSeriesTable.POSITIONS, LocalDate.ofInstant(at, ZoneOffset.UTC));
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS " + p.name() + " PARTITION OF positions FOR VALUES FROM ('" + p.from()
          + "') TO ('" + p.until() + "')");
    }
  }

  private static void alert(String shipment, int daysAgo) throws Exception {
    Instant at = NOW.minus(Duration.ofDays(daysAgo));
    try (Connection c = node.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("""
            INSERT INTO cargo_alerts (alert_id, shipment_id, kind, alert_key, severity, opened_at, closed_at, raised_at, reason)
            VALUES (gen_random_uuid(), ?::uuid, 'OFF_CORRIDOR', '', 'HIGH', ?, ?, ?, 'left the corridor')""")) {
      ps.setString(1, shipment);
      ps.setTimestamp(2, Timestamp.from(at));
      ps.setTimestamp(3, Timestamp.from(at.plusSeconds(600)));
      ps.setTimestamp(4, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  private static long count(String sql) throws Exception {
    return NodeFixture.count(node, sql);
  }
}
