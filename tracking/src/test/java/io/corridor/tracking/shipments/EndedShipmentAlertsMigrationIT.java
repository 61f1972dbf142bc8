package io.corridor.tracking.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.tracking.detect.AlertChange;
import io.corridor.tracking.detect.AlertKind;
import io.corridor.tracking.detect.CargoAlert;
import io.corridor.tracking.testing.TrackingFixture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V65 closes the alerts left open on shipments that had ended (arrived, closed, cancelled), at
 * the shipment's last step and with the stream's close event; it leaves those of shipments in
 * transit, and alerts already closed, as they are.
 */
class EndedShipmentAlertsMigrationIT {

  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
  private TrackingFixture fixture;
  private CargoAlertRepository alerts;

  @BeforeEach
  void start() throws Exception {
    fixture = TrackingFixture.start(Clock.systemUTC());
    alerts = new CargoAlertRepository(fixture.database.dataSource());
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void closesWhatEndedShipmentsLeftOpenAndNothingElse() throws Exception {
    String cancelled = shipment("26AL00500100000017", "cancelled", T0.plus(Duration.ofHours(2)));
    String inTransit = shipment("26AL00500100000025", "released", T0);
    String arrived = shipment("26AL00500100000033", "arrived", T0.plus(Duration.ofHours(1)));
    CargoAlert orphan = open(cancelled, AlertKind.OFF_CORRIDOR, "route");
    CargoAlert stillOn = open(inTransit, AlertKind.DEVICE_ALARM, "trk-1:tampering");
    CargoAlert done = open(arrived, AlertKind.SEAL_OPENED, "trk-1");
    Instant doneAt = T0.plus(Duration.ofMinutes(50));
    alerts.apply(List.of(new AlertChange(new CargoAlert(done.id(), arrived, done.kind(), done.key(), done.severity(),
        done.deviceId(), done.openedAt(), doneAt, done.reason(), Map.of()), false)), Instant.now());

    try (Connection c = fixture.database.dataSource().getConnection(); Statement st = c.createStatement();
        InputStream sql = getClass().getResourceAsStream("/db/migration/V65__close_alerts_of_ended_shipments.sql")) {
      st.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
    }

    CargoAlert repaired = alerts.forShipment(cancelled).get(0).alert();
    assertThat(repaired.closedAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(events(orphan.id())).containsExactly("raised", "closed");
    assertThat(alerts.forShipment(inTransit).get(0).alert().closed()).isFalse();
    assertThat(events(stillOn.id())).containsExactly("raised");
    assertThat(alerts.forShipment(arrived).get(0).alert().closedAt()).isEqualTo(doneAt);
    assertThat(events(done.id())).containsExactly("raised", "closed");
  }

  private CargoAlert open(String shipment, AlertKind kind, String key) throws Exception {
    Instant opened = T0.plus(Duration.ofMinutes(30));
    CargoAlert a = new CargoAlert(CargoAlert.idOf(shipment, kind, key, opened), shipment, kind, key, "WARNING", "trk-1", opened,
        null, "raised before the fix", Map.of());
    assertThat(alerts.apply(List.of(new AlertChange(a, true)), Instant.now())).hasSize(1);
    return a;
  }

  private List<String> events(String alertId) throws Exception {
    try (Connection c = fixture.database.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT change FROM cargo_alert_events WHERE alert_id = ?::uuid ORDER BY seq")) {
      ps.setString(1, alertId);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  private String shipment(String mrn, String state, Instant updatedAt) throws Exception {
    UUID id = UUID.randomUUID();
    try (Connection c = fixture.database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO shipments (shipment_id, mrn, goods, state, truck_plate_hash, truck_plate_ct, trackers, declaration,
          declared_by, declared_at, updated_at) VALUES (?, ?, 'fuel', ?, ?, ?, '{trk-1}', '{}', 'test', ?, ?)""")) {
      ps.setObject(1, id);
      ps.setString(2, mrn);
      ps.setString(3, state);
      ps.setBytes(4, new byte[32]);
      ps.setBytes(5, new byte[16]);
      ps.setTimestamp(6, Timestamp.from(T0));
      ps.setTimestamp(7, Timestamp.from(updatedAt));
      ps.executeUpdate();
    }
    return id.toString();
  }
}
