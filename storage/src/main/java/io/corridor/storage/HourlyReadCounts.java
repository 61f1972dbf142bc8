package io.corridor.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads per camera and hour for dashboards: from the continuous aggregate
 * {@link TimescalePolicies#HOURLY} on TimescaleDB (materialised buckets plus the newest raw rows),
 * by grouping {@code plate_reads} on native partitions. Counts only: no plate data leaves here, so
 * no audit row is needed. Blocking.
 */
public final class HourlyReadCounts {

  /** One camera's reads in one hour. */
  public record Bucket(String deviceId, Instant hour, long reads) {}

  private HourlyReadCounts() {}

  /** Buckets whose hour starts in [{@code from}, {@code until}), ordered by hour then device. */
  public static List<Bucket> between(Connection c, Instant from, Instant until) throws SQLException {
    String sql = TimeSeriesSchema.usesTimescale(c)
        ? "SELECT device_id, hour, reads FROM " + TimescalePolicies.HOURLY + " WHERE hour >= ? AND hour < ? ORDER BY hour, device_id"
        : "SELECT device_id, date_trunc('hour', event_time, 'UTC') AS hour, count(*) FROM plate_reads"
            + " WHERE event_time >= ? AND event_time < ? GROUP BY device_id, hour ORDER BY hour, device_id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(from));
      ps.setTimestamp(2, Timestamp.from(until));
      List<Bucket> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new Bucket(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3)));
        }
      }
      return result;
    }
  }
}
