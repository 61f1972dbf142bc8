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

  /** Advisory lock key serialising the numbering of alert events ("cargoevt"). */
  private static final long EVENTS_LOCK = 0x636172676f657674L;

  /** One stored alert change: its number in the stream, raised or closed, and the alert as it is now. */
  public record Event(long seq, String change, CargoAlert alert) {}

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
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(" + EVENTS_LOCK + ")");
          PreparedStatement event = c.prepareStatement(
              "INSERT INTO cargo_alert_events (alert_id, change, at) VALUES (?::uuid, ?, ?)");
          PreparedStatement raise = c.prepareStatement("""
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
        if (!applied.isEmpty()) {
          lock.execute(); // alert changes are rare: numbering them one writer at a time costs nothing
          for (AlertChange change : applied) {
            event.setString(1, change.alert().id());
            event.setString(2, change.raised() ? "raised" : "closed");
            event.setTimestamp(3, Timestamp.from(now));
            event.addBatch();
          }
          event.executeBatch();
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

  /** The number of the latest alert change, 0 when none. */
  public long lastEventSeq() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM cargo_alert_events");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Up to {@code limit} alert changes numbered after {@code seq}, in order. */
  public List<Event> eventsAfter(long seq, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT e.seq, e.change, a.alert_id, a.shipment_id, a.kind, a.alert_key, a.severity, a.device_id, a.opened_at,
              a.closed_at, a.reason, ARRAY(SELECT key FROM jsonb_each_text(a.details) ORDER BY key),
              ARRAY(SELECT value FROM jsonb_each_text(a.details) ORDER BY key)
            FROM cargo_alert_events e JOIN cargo_alerts a USING (alert_id) WHERE e.seq > ? ORDER BY e.seq LIMIT ?""")) {
      ps.setLong(1, seq);
      ps.setInt(2, limit);
      List<Event> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp closed = rs.getTimestamp(10);
          String change = rs.getString(2);
          // a raise replayed after its close still says it was raised; the alert shows its end
          out.add(new Event(rs.getLong(1), change, new CargoAlert(rs.getString(3), rs.getString(4),
              AlertKind.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
              rs.getTimestamp(9).toInstant(), closed == null ? null : closed.toInstant(), rs.getString(11),
              details((String[]) rs.getArray(12).getArray(), (String[]) rs.getArray(13).getArray()))));
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
