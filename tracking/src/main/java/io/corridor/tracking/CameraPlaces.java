package io.corridor.tracking;

import io.corridor.tracking.detect.LatLon;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Where each registered camera stands (devices.lat/lon), reloaded whole. Thread-safe. */
public final class CameraPlaces {

  private final DataSource dataSource;
  private volatile Map<String, LatLon> places = Map.of();

  /** Reads from {@code dataSource}. */
  public CameraPlaces(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Reloads the places (blocking). */
  public void reload() throws SQLException {
    Map<String, LatLon> latest = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT device_id, lat, lon FROM devices WHERE lat IS NOT NULL AND lon IS NOT NULL AND status = 'active'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        latest.put(rs.getString(1), new LatLon(rs.getDouble(2), rs.getDouble(3)));
      }
    }
    places = Map.copyOf(latest);
  }

  /** Where camera {@code id} stands, when known; a camera registered since the last reload is read at once (blocking). */
  public Optional<LatLon> find(String id) {
    LatLon known = places.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT lat, lon FROM devices WHERE device_id = ? AND lat IS NOT NULL AND lon IS NOT NULL AND status = 'active'")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new LatLon(rs.getDouble(1), rs.getDouble(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
  }
}
