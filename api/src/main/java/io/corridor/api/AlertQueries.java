package io.corridor.api;

import io.corridor.storage.PlateProtector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads alerts for the officers' console. Blocking. */
public final class AlertQueries {

  private final DataSource dataSource;
  private final PlateProtector protector;

  /** Decrypts plates with {@code protector}. */
  public AlertQueries(DataSource dataSource, PlateProtector protector) {
    this.dataSource = dataSource;
    this.protector = protector;
  }

  /** Alerts raised after {@code since}, oldest first, at most {@code limit}. */
  public List<AlertView> since(Instant since, int limit) throws SQLException {
    List<AlertView> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT alert_id, kind, severity, rule_id, subject_id, device_id, event_time, raised_at, reason, plate_ct
              FROM alerts WHERE raised_at > ? ORDER BY raised_at, alert_id LIMIT ?""")) {
      ps.setTimestamp(1, Timestamp.from(since));
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byte[] ct = rs.getBytes(10);
          result.add(new AlertView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
              rs.getString(9), ct == null ? null : protector.decrypt(ct)));
        }
      }
    }
    return result;
  }
}
