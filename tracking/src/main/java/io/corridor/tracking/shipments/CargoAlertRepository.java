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
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Cargo alerts in PostgreSQL, one row per episode. Writes are idempotent by the deterministic id:
 * a raise already stored is not stored again, a close is applied once, so the same changes can be
 * written again after a node died half-way. Blocking.
 */
public final class CargoAlertRepository {

  /** Advisory lock key serialising the numbering of alert events ("cargoevt"). */
  private static final long EVENTS_LOCK = 0x636172676f657674L;

  /**
   * A customs officer took the alert on.
   *
   * @param by the officer (token subject)
   * @param at when
   * @param note what was done, or null
   */
  public record Acknowledgement(String by, Instant at, String note) {}

  /** An alert as stored: the episode, and its acknowledgement or null. */
  public record StoredAlert(CargoAlert alert, Acknowledgement acknowledgement) {}

  /**
   * One stored alert change: its number in the stream, raised, closed or acknowledged, and the
   * alert as it is now (with its acknowledgement, or null).
   */
  public record Event(long seq, String change, CargoAlert alert, Acknowledgement acknowledgement) {}

  private static final String COLUMNS = """
      a.alert_id, a.shipment_id, a.kind, a.alert_key, a.severity, a.device_id, a.opened_at, a.closed_at, a.reason,
        ARRAY(SELECT key FROM jsonb_each_text(a.details) ORDER BY key),
        ARRAY(SELECT value FROM jsonb_each_text(a.details) ORDER BY key),
        a.acknowledged_by, a.acknowledged_at, a.acknowledgement""";

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
        for (AlertChange change : applied) {
          recordEvent(c, change.alert().id(), change.raised() ? "raised" : "closed", now);
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
  public List<StoredAlert> forShipment(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
            + " FROM cargo_alerts a WHERE a.shipment_id = ?::uuid ORDER BY a.opened_at, a.alert_id")) {
      ps.setString(1, id);
      List<StoredAlert> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(stored(rs, 1));
        }
      }
      return out;
    }
  }

  /** Alert {@code alertId} of shipment {@code shipmentId}, read in {@code c}; empty when the shipment has no such alert. */
  static Optional<StoredAlert> find(Connection c, String shipmentId, String alertId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM cargo_alerts a WHERE a.shipment_id = ?::uuid AND a.alert_id = ?::uuid")) {
      ps.setString(1, shipmentId);
      ps.setString(2, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(stored(rs, 1)) : Optional.empty();
      }
    }
  }

  /**
   * Numbers one change of alert {@code alertId} for the stream, in {@code c}'s transaction: the
   * advisory lock (taken again harmlessly within one transaction) makes the numbers follow commit
   * order; alert changes are rare, so numbering them one writer at a time costs nothing.
   */
  static void recordEvent(Connection c, String alertId, String change, Instant at) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(" + EVENTS_LOCK + ")");
        PreparedStatement event = c.prepareStatement(
            "INSERT INTO cargo_alert_events (alert_id, change, at) VALUES (?::uuid, ?, ?)")) {
      lock.execute();
      event.setString(1, alertId);
      event.setString(2, change);
      event.setTimestamp(3, Timestamp.from(at));
      event.executeUpdate();
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
        PreparedStatement ps = c.prepareStatement("SELECT e.seq, e.change, " + COLUMNS
            + " FROM cargo_alert_events e JOIN cargo_alerts a USING (alert_id) WHERE e.seq > ? ORDER BY e.seq LIMIT ?")) {
      ps.setLong(1, seq);
      ps.setInt(2, limit);
      List<Event> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          // a raise replayed after its close still says it was raised; the alert shows its end
          StoredAlert a = stored(rs, 3);
          out.add(new Event(rs.getLong(1), rs.getString(2), a.alert(), a.acknowledgement()));
        }
      }
      return out;
    }
  }

  /** The alert whose {@link #COLUMNS} start at column {@code first}. */
  private static StoredAlert stored(ResultSet rs, int first) throws SQLException {
    int i = first;
    String id = rs.getString(i++);
    String shipment = rs.getString(i++);
    AlertKind kind = AlertKind.valueOf(rs.getString(i++));
    String key = rs.getString(i++);
    String severity = rs.getString(i++);
    String device = rs.getString(i++);
    Instant opened = rs.getTimestamp(i++).toInstant();
    Timestamp closed = rs.getTimestamp(i++);
    String reason = rs.getString(i++);
    Map<String, String> details = details((String[]) rs.getArray(i++).getArray(), (String[]) rs.getArray(i++).getArray());
    String by = rs.getString(i++);
    Timestamp at = rs.getTimestamp(i++);
    String note = rs.getString(i);
    return new StoredAlert(new CargoAlert(id, shipment, kind, key, severity, device, opened,
        closed == null ? null : closed.toInstant(), reason, details),
        at == null ? null : new Acknowledgement(by, at.toInstant(), note));
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
