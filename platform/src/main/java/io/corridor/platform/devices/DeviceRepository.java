package io.corridor.platform.devices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Devices in the {@code devices} table. Blocking. */
public final class DeviceRepository {

  private final DataSource dataSource;

  /** Uses {@code dataSource} for every call. */
  public DeviceRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every registered device by id. */
  public Map<String, Device> loadAll() throws SQLException {
    Map<String, Device> result = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT device_id, kind, key_sha256, status, previous_key_sha256, previous_key_valid_until, agent_id,"
                + " agent_camera_id, agent_uid FROM devices");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp until = rs.getTimestamp(6);
        result.put(rs.getString(1), new Device(rs.getString(1), rs.getString(2), rs.getBytes(3),
            "active".equals(rs.getString(4)), rs.getBytes(5), until == null ? null : until.toInstant(), rs.getString(7),
            rs.getObject(8) == null ? null : rs.getLong(8), rs.getString(9)));
      }
    }
    return result;
  }

  /** Registers a device (or replaces its key and re-activates it). */
  public void register(String id, String kind, String key, String name, Double lat, Double lon) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            INSERT INTO devices (device_id, kind, key_sha256, name, lat, lon) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id) DO UPDATE SET kind = excluded.kind, key_sha256 = excluded.key_sha256,
              name = excluded.name, lat = excluded.lat, lon = excluded.lon, status = 'active', revoked_at = NULL,
              previous_key_sha256 = NULL, previous_key_valid_until = NULL, agent_id = NULL, agent_camera_id = NULL,
              agent_uid = NULL""")) {
      ps.setString(1, id);
      ps.setString(2, kind);
      ps.setBytes(3, DeviceKeys.digest(key));
      ps.setString(4, name);
      ps.setObject(5, lat);
      ps.setObject(6, lon);
      ps.executeUpdate();
    }
  }

  /**
   * Registers camera {@code id} as the camera agent {@code agentId} (a registered {@code agent}
   * device) numbers {@code agentCameraId}; the agent's key then posts its reads.
   */
  public void registerAgentCamera(String id, String key, String name, Double lat, Double lon, String agentId,
      long agentCameraId) throws SQLException {
    register(id, "camera", key, name, lat, lon);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE devices SET agent_id = ?, agent_camera_id = ? WHERE device_id = ?")) {
      ps.setString(1, agentId);
      ps.setLong(2, agentCameraId);
      ps.setString(3, id);
      ps.executeUpdate();
    }
  }

  /**
   * Registers {@code id} as an OpenALPR agent device for the agent installation {@code agentUid}
   * (the {@code agent_uid} its messages carry).
   */
  public void registerAgent(String id, String key, String name, String agentUid) throws SQLException {
    register(id, Device.AGENT, key, name, null, null);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE devices SET agent_uid = ? WHERE device_id = ?")) {
      ps.setString(1, agentUid);
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }

  /** Revokes a device: it is then refused with 403. */
  public void revoke(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE devices SET status = 'revoked', revoked_at = now() WHERE device_id = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }
}
