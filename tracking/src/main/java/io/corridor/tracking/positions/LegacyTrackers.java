package io.corridor.tracking.positions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Trackers registered as legacy ({@code devices.legacy}): they may send OsmAnd positions without a
 * key, stored as unauthenticated. Replaced whole on each reload; thread-safe.
 */
public final class LegacyTrackers {

  private volatile Set<String> ids = Set.of();

  /** Whether {@code deviceId} is registered as legacy. */
  public boolean contains(String deviceId) {
    return ids.contains(deviceId);
  }

  /** Replaces the set. */
  public void replace(Set<String> latest) {
    ids = Set.copyOf(latest);
  }

  /** Reloads the set from {@code devices}. Blocking. */
  public void reload(DataSource dataSource) throws SQLException {
    Set<String> latest = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT device_id FROM devices WHERE legacy AND kind = 'tracker'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        latest.add(rs.getString(1));
      }
    }
    replace(latest);
  }

  /** Marks a registered tracker as legacy (or not). Blocking. */
  public static void mark(DataSource dataSource, String deviceId, boolean legacy) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE devices SET legacy = ? WHERE device_id = ?")) {
      ps.setBoolean(1, legacy);
      ps.setString(2, deviceId);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("no device '" + deviceId + "' to mark as legacy");
      }
    }
  }
}
