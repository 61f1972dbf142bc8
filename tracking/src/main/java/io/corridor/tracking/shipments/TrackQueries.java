package io.corridor.tracking.shipments;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A shipment's track: the positions of its trackers in a time window, in event-time order, with
 * the copies its legal holds keep ({@link ShipmentHolds}). Blocking.
 */
public final class TrackQueries {

  /**
   * One stored position.
   *
   * @param deviceId tracker
   * @param eventTime fix time
   * @param lat latitude
   * @param lon longitude
   * @param speedKmh speed, when sent
   * @param temperatureC cargo temperature, when sent
   * @param sealClosed seal state, when sent
   */
  public record TrackRow(String deviceId, Instant eventTime, double lat, double lon, Float speedKmh, Float temperatureC,
      Boolean sealClosed) {}

  /**
   * A shipment's journey ({@link JourneySql}): the positions its track shows.
   *
   * @param from an hour before its planned departure or its release, whichever is earlier
   * @param to when it left transit, null while it is in transit
   */
  public record Journey(Instant from, Instant to) {}

  private final DataSource dataSource;

  /** Reads through {@code dataSource}. */
  public TrackQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The journey of shipment {@code shipmentId}; empty when there is no such shipment or it was never released. */
  public Optional<Journey> journey(String shipmentId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT %s, %s FROM shipments s WHERE s.shipment_id = ?::uuid"
            .formatted(JourneySql.JOURNEY_FROM, JourneySql.JOURNEY_TO))) {
      ps.setString(1, shipmentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getTimestamp(1) == null) {
          return Optional.empty();
        }
        Timestamp to = rs.getTimestamp(2);
        return Optional.of(new Journey(rs.getTimestamp(1).toInstant(), to == null ? null : to.toInstant()));
      }
    }
  }

  /**
   * Positions of {@code trackers} with {@code from <= event_time < to}, oldest first, at most
   * {@code limit}: those stored, and the copies the legal holds of shipment {@code shipmentId} keep
   * (a held journey outlives its originals), each position once.
   */
  public List<TrackRow> track(String shipmentId, List<String> trackers, Instant from, Instant to, int limit)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT device_id, event_time, lat, lon, speed_kmh, temperature_c, seal_closed FROM (
              SELECT event_id, device_id, event_time, lat, lon, speed_kmh, temperature_c, seal_closed FROM positions
               WHERE device_id = ANY (?) AND event_time >= ? AND event_time < ?
              UNION
              SELECT p.event_id, p.device_id, p.event_time, p.lat, p.lon, p.speed_kmh, p.temperature_c, p.seal_closed
                FROM held_positions p JOIN shipment_holds sh USING (case_ref)
               WHERE sh.shipment_id = ?::uuid AND p.device_id = ANY (?) AND p.event_time >= ? AND p.event_time < ?) t
            ORDER BY event_time, device_id LIMIT ?""")) {
      Array devices = c.createArrayOf("text", trackers.toArray());
      ps.setArray(1, devices);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setTimestamp(3, Timestamp.from(to));
      ps.setString(4, shipmentId);
      ps.setArray(5, devices);
      ps.setTimestamp(6, Timestamp.from(from));
      ps.setTimestamp(7, Timestamp.from(to));
      ps.setInt(8, limit);
      List<TrackRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new TrackRow(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3), rs.getDouble(4),
              (Float) rs.getObject(5, Float.class), (Float) rs.getObject(6, Float.class), (Boolean) rs.getObject(7, Boolean.class)));
        }
      }
      return rows;
    }
  }
}
