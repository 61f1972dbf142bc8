package io.corridor.tracking.shipments;

import io.corridor.tracking.detect.AlertChange;
import io.corridor.tracking.detect.AlertKind;
import io.corridor.tracking.detect.CargoAlert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Cargo alerts in PostgreSQL, one row per episode. Writes are idempotent by the deterministic id:
 * a raise already stored is not stored again, a close is applied once, so the same changes can be
 * written again after a node died half-way. Blocking.
 */
public final class CargoAlertRepository {

  private final DataSource dataSource;

  /** Stores through {@code dataSource}. */
  public CargoAlertRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Writes {@code changes} in one transaction.
   *
   * @return the changes that changed a row now (each is published once)
   */
  public List<AlertChange> apply(List<AlertChange> changes, Instant now) throws SQLException {
    List<AlertChange> applied = new ArrayList<>();
    if (changes.isEmpty()) {
      return applied;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement raise = c.prepareStatement("""
              INSERT INTO cargo_alerts (alert_id, shipment_id, kind, alert_key, severity, device_id, opened_at, closed_at,
                raised_at, reason, details)
              VALUES (?::uuid, ?::uuid, ?, ?, ?, ?, ?, NULL, ?, ?, jsonb_object(?::text[], ?::text[])) ON CONFLICT (alert_id) DO NOTHING""");
          PreparedStatement close = c.prepareStatement("""
              INSERT INTO cargo_alerts (alert_id, shipment_id, kind, alert_key, severity, device_id, opened_at, closed_at,
                raised_at, reason, details)
              VALUES (?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, jsonb_object(?::text[], ?::text[]))
              ON CONFLICT (alert_id) DO UPDATE SET closed_at = EXCLUDED.closed_at, details = EXCLUDED.details
              WHERE cargo_alerts.closed_at IS NULL""")) {
        for (AlertChange change : changes) {
          CargoAlert a = change.alert();
          PreparedStatement ps = change.raised() ? raise : close;
          int i = 1;
          ps.setString(i++, a.id());
          ps.setString(i++, a.shipmentId());
          ps.setString(i++, a.kind().name());
          ps.setString(i++, a.key());
          ps.setString(i++, a.severity());
          ps.setString(i++, a.deviceId());
          ps.setTimestamp(i++, Timestamp.from(a.openedAt()));
          if (!change.raised()) {
            ps.setTimestamp(i++, Timestamp.from(a.closedAt()));
          }
          ps.setTimestamp(i++, Timestamp.from(now));
          ps.setString(i++, a.reason());
          ps.setArray(i++, keys(c, a.details()));
          ps.setArray(i, values(c, a.details()));
          if (ps.executeUpdate() == 1) {
            applied.add(change);
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return applied;
  }

  /** Every alert of shipment {@code id}, in order of their start. */
  public List<CargoAlert> forShipment(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT alert_id, shipment_id, kind, alert_key, severity, device_id, opened_at, closed_at, reason,
              ARRAY(SELECT key FROM jsonb_each_text(details) ORDER BY key),
              ARRAY(SELECT value FROM jsonb_each_text(details) ORDER BY key)
            FROM cargo_alerts WHERE shipment_id = ?::uuid ORDER BY opened_at, alert_id""")) {
      ps.setString(1, id);
      List<CargoAlert> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp closed = rs.getTimestamp(8);
          out.add(new CargoAlert(rs.getString(1), rs.getString(2), AlertKind.valueOf(rs.getString(3)), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), closed == null ? null : closed.toInstant(),
              rs.getString(9), details((String[]) rs.getArray(10).getArray(), (String[]) rs.getArray(11).getArray())));
        }
      }
      return out;
    }
  }

  private static java.sql.Array keys(Connection c, Map<String, String> details) throws SQLException {
    return c.createArrayOf("text", details.keySet().toArray());
  }

  private static java.sql.Array values(Connection c, Map<String, String> details) throws SQLException {
    return c.createArrayOf("text", details.values().toArray());
  }

  private static Map<String, String> details(String[] keys, String[] values) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      out.put(keys[i], values[i]);
    }
    return out;
  }
}
