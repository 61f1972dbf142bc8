package io.corridor.tracking.retention;

import io.corridor.config.Settings;
import io.corridor.storage.ExpiringData;
import io.corridor.storage.StorageOptions;
import io.corridor.tracking.shipments.JourneySql;
import io.corridor.tracking.shipments.ShipmentHolds;
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
 * transition). Shipments under way never expire, nor does anything of a shipment under an open
 * legal hold ({@link ShipmentHolds}); the copies of held positions are topped up before any
 * partition is dropped and, once their hold is released, expire as their originals would have. In
 * that order within one run, so a declaration is never deleted before what is found through it.
 */
public final class CargoRetention implements ExpiringData.Provider {

  private static final String ENDED = JourneySql.ENDED;
  private static final String HELD = JourneySql.HELD;

  @Override
  public List<ExpiringData> expiring(Settings settings) {
    CargoRetentionOptions o = new CargoRetentionOptions(settings);
    return List.of(
        new HeldPositions(settings.getDuration(StorageOptions.RETAIN_POSITIONS), o.positions()),
        new Rows("ended_shipment_positions", o.positions(),
            "positions of a closed or cancelled shipment's trackers during its journey and up to its end, deleted this long after it"
                + " ended unless a legal hold is open; rows: ended shipments whose positions are still held",
            """
            WITH ended AS (
              UPDATE shipments s SET positions_purged_at = ?
               WHERE %s AND s.updated_at < ? AND s.positions_purged_at IS NULL AND NOT %s
              RETURNING s.trackers, s.updated_at, coalesce(%s, s.updated_at) AS journey_from)
            DELETE FROM positions p USING ended e
             WHERE p.device_id = ANY (e.trackers) AND p.event_time >= e.journey_from AND p.event_time <= e.updated_at"""
                .formatted(ENDED, HELD, JourneySql.JOURNEY_FROM),
            "SELECT count(*), min(s.updated_at) FILTER (WHERE NOT " + HELD + ") FROM shipments s WHERE " + ENDED
                + " AND s.positions_purged_at IS NULL"),
        new Rows("cargo_alerts", o.alerts(),
            "alerts of a closed or cancelled shipment, deleted this long after it ended unless a legal hold is open;"
                + " oldest: the earliest end among shipments with alerts and no open hold",
            "DELETE FROM cargo_alerts a USING shipments s WHERE a.shipment_id = s.shipment_id AND " + ENDED
                + " AND s.updated_at < ? AND NOT " + HELD,
            "SELECT (SELECT count(*) FROM cargo_alerts), min(s.updated_at) FROM shipments s WHERE " + ENDED
                + " AND NOT " + HELD + " AND EXISTS (SELECT 1 FROM cargo_alerts a WHERE a.shipment_id = s.shipment_id)"),
        new Rows("shipments", o.shipments(),
            "declarations and transitions of closed or cancelled shipments, deleted this long after they ended;"
                + " shipments under way or under an open legal hold are kept (a released hold's link and copies go with them)",
            """
            WITH gone AS (
              SELECT shipment_id FROM shipments s WHERE %s AND s.updated_at < ? AND NOT %s
                 AND NOT EXISTS (SELECT 1 FROM cargo_alerts a WHERE a.shipment_id = s.shipment_id)),
            steps AS (DELETE FROM shipment_transitions WHERE shipment_id IN (SELECT shipment_id FROM gone)),
            copies AS (DELETE FROM held_positions WHERE case_ref IN
              (SELECT case_ref FROM shipment_holds WHERE shipment_id IN (SELECT shipment_id FROM gone))),
            holds AS (DELETE FROM shipment_holds WHERE shipment_id IN (SELECT shipment_id FROM gone))
            DELETE FROM shipments WHERE shipment_id IN (SELECT shipment_id FROM gone)""".formatted(ENDED, HELD),
            "SELECT count(*), min(s.updated_at) FILTER (WHERE NOT " + HELD + ") FROM shipments s WHERE " + ENDED));
  }

  /**
   * The copies of held positions: first those of open holds' journeys not copied yet (what came
   * since the hold, late fixes), while the originals still exist, since the partitions are dropped
   * after the modules' data classes; then the copies of released holds past the limits their
   * originals had: {@code positions} (retention.positions) from the fix, {@code ended} from the
   * shipment's end.
   */
  record HeldPositions(Duration positions, Duration ended) implements ExpiringData {

    @Override
    public String name() {
      return "held_positions";
    }

    @Override
    public Duration limit() {
      return ended;
    }

    @Override
    public String note() {
      return "copies of a held shipment's positions, kept while a legal hold is open; released, deleted "
          + "this long after the shipment ended, or retention.positions (" + positions + ") after the fix if sooner";
    }

    @Override
    public long expire(Connection c, Instant now) throws SQLException {
      ShipmentHolds.copyJourneys(c, "true", null, now);
      return ShipmentHolds.expireReleased(c, now.minus(positions), now.minus(ended));
    }

    @Override
    public Figures figures(Connection c) throws SQLException {
      // a released copy is due at the earlier of fix + positions and end + ended: its "oldest" is that less ended
      try (PreparedStatement ps = c.prepareStatement("""
          SELECT (SELECT count(*) FROM held_positions),
                 min(least(p.event_time + make_interval(secs => ?), CASE WHEN %s THEN s.updated_at END))
            FROM held_positions p JOIN shipment_holds sh USING (case_ref) JOIN legal_holds l USING (case_ref)
            JOIN shipments s ON s.shipment_id = sh.shipment_id
           WHERE l.released_at IS NOT NULL""".formatted(ENDED))) {
        ps.setDouble(1, positions.minus(ended).toSeconds());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          Timestamp oldest = rs.getTimestamp(2);
          return new Figures(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        }
      }
    }
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
