package io.corridor.tracking.retention;

import io.corridor.config.Settings;
import io.corridor.storage.ExpiringData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The cargo data classes the retention job expires: the positions of an ended (closed or
 * cancelled) shipment's trackers during its journey, its cargo alerts, and its declaration with
 * its transitions, each a configured time after the shipment ended ({@code updated_at} of its last
 * transition). Shipments under way never expire. In that order within one run, so a declaration
 * is never deleted before what is found through it.
 */
public final class CargoRetention implements ExpiringData.Provider {

  private static final String ENDED = "state IN ('closed', 'cancelled')";

  @Override
  public List<ExpiringData> expiring(Settings settings) {
    CargoRetentionOptions o = new CargoRetentionOptions(settings);
    return List.of(
        new Rows("ended_shipment_positions", o.positions(),
            "positions of a closed or cancelled shipment's trackers from release to its end, deleted this long after it"
                + " ended; rows: ended shipments whose positions are still held",
            """
            WITH ended AS (
              UPDATE shipments s SET positions_purged_at = ?
               WHERE s.%s AND s.updated_at < ? AND s.positions_purged_at IS NULL
              RETURNING s.trackers, s.updated_at, coalesce((SELECT min(t.at) FROM shipment_transitions t
                WHERE t.shipment_id = s.shipment_id AND t.to_state = 'released'), s.updated_at) AS released_at)
            DELETE FROM positions p USING ended e
             WHERE p.device_id = ANY (e.trackers) AND p.event_time >= e.released_at AND p.event_time <= e.updated_at"""
                .formatted(ENDED),
            "SELECT count(*), min(updated_at) FROM shipments WHERE " + ENDED + " AND positions_purged_at IS NULL"),
        new Rows("cargo_alerts", o.alerts(),
            "alerts of a closed or cancelled shipment, deleted this long after it ended; oldest: the earliest end among"
                + " shipments with alerts",
            "DELETE FROM cargo_alerts a USING shipments s WHERE a.shipment_id = s.shipment_id AND s." + ENDED
                + " AND s.updated_at < ?",
            "SELECT (SELECT count(*) FROM cargo_alerts), min(s.updated_at) FROM shipments s WHERE s." + ENDED
                + " AND EXISTS (SELECT 1 FROM cargo_alerts a WHERE a.shipment_id = s.shipment_id)"),
        new Rows("shipments", o.shipments(),
            "declarations and transitions of closed or cancelled shipments, deleted this long after they ended;"
                + " shipments under way are kept",
            """
            WITH gone AS (
              SELECT shipment_id FROM shipments s WHERE s.%s AND s.updated_at < ?
                 AND NOT EXISTS (SELECT 1 FROM cargo_alerts a WHERE a.shipment_id = s.shipment_id)),
            steps AS (DELETE FROM shipment_transitions WHERE shipment_id IN (SELECT shipment_id FROM gone))
            DELETE FROM shipments WHERE shipment_id IN (SELECT shipment_id FROM gone)""".formatted(ENDED),
            "SELECT count(*), min(updated_at) FROM shipments WHERE " + ENDED));
  }

  /**
   * One data class as SQL.
   *
   * @param expireSql deletes; its parameters are the horizon, preceded by the run's time when there are two
   * @param figuresSql selects the row count and the oldest time the limit counts from
   */
  record Rows(String name, Duration limit, String note, String expireSql, String figuresSql) implements ExpiringData {

    @Override
    public long expire(Connection c, Instant now) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(expireSql)) {
        Timestamp horizon = Timestamp.from(now.minus(limit));
        if (expireSql.chars().filter(ch -> ch == '?').count() == 2) {
          ps.setTimestamp(1, Timestamp.from(now));
          ps.setTimestamp(2, horizon);
        } else {
          ps.setTimestamp(1, horizon);
        }
        return ps.executeUpdate();
      }
    }

    @Override
    public Figures figures(Connection c) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(figuresSql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        Timestamp oldest = rs.getTimestamp(2);
        return new Figures(rs.getLong(1), oldest == null ? null : oldest.toInstant());
      }
    }
  }
}
