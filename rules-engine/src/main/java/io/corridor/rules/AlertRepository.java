package io.corridor.rules;

import io.corridor.events.Alert;
import io.corridor.storage.PlateProtector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;
import javax.sql.DataSource;

/** Stores alerts; a second insert of the same deterministic id is ignored. Blocking. */
public final class AlertRepository {

  private final DataSource dataSource;
  private final PlateProtector protector;

  /** Alerts about plates keep the plate as hash and ciphertext, like reads. */
  public AlertRepository(DataSource dataSource, PlateProtector protector) {
    this.dataSource = dataSource;
    this.protector = protector;
  }

  /**
   * Stores {@code alert} about {@code plate} (may be null for alerts not about a plate).
   *
   * @return whether it was new
   */
  public boolean insert(Alert alert, String plate) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return insert(c, alert, plate);
    }
  }

  /** Stores {@code alert} in {@code c}'s transaction (the rules outbox consumer's); whether it was new. */
  public boolean insert(Connection c, Alert alert, String plate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
            INSERT INTO alerts (alert_id, kind, severity, rule_id, subject_id, device_id, event_time, raised_at,
                                reason, plate_hash, plate_ct)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO NOTHING""")) {
      ps.setObject(1, UUID.fromString(alert.getEventId()));
      ps.setString(2, alert.getKind().name());
      ps.setString(3, alert.getSeverity().name());
      ps.setString(4, alert.getRuleId());
      ps.setString(5, alert.getSubjectId());
      ps.setString(6, alert.getDeviceId());
      ps.setTimestamp(7, Timestamp.from(alert.getEventTime()));
      ps.setTimestamp(8, Timestamp.from(alert.getReceivedTime()));
      ps.setString(9, alert.getReason());
      ps.setBytes(10, plate == null ? null : protector.hash(plate));
      ps.setBytes(11, plate == null ? null : protector.encrypt(plate));
      return ps.executeUpdate() == 1;
    }
  }
}
