package io.corridor.api.devices;

import io.corridor.platform.devices.DeviceKeys;
import io.corridor.storage.Transactions;
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
 * Device rows for management: create, list, rotate, revoke. Keys are stored only as digests. A
 * change runs in the caller's transaction ({@link #inTransaction}) so that it commits together
 * with its audit row, or not at all. Blocking.
 */
public final class DeviceStore {

  private final DataSource dataSource;

  /** Uses {@code dataSource} for every call. */
  public DeviceStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  <T> T inTransaction(Transactions.Work<T> work) throws SQLException {
    return Transactions.inTransaction(dataSource, work);
  }

  /** Inserts a device with {@code key} (and the agent serving it, or nulls); false when the id is taken. */
  boolean create(Connection c, String id, String kind, String name, Double lat, Double lon, String key, String agent,
      Long agentCameraId, String agentUid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
            INSERT INTO devices (device_id, kind, key_sha256, name, lat, lon, agent_id, agent_camera_id, agent_uid)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id) DO NOTHING""")) {
      ps.setString(1, id);
      ps.setString(2, kind);
      ps.setBytes(3, DeviceKeys.digest(key));
      ps.setString(4, name);
      ps.setObject(5, lat);
      ps.setObject(6, lon);
      ps.setString(7, agent);
      ps.setObject(8, agentCameraId);
      ps.setString(9, agentUid);
      return ps.executeUpdate() == 1;
    }
  }

  /** Whether {@code id} is an active device of kind {@code agent}. */
  boolean activeAgent(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM devices WHERE device_id = ? AND kind = 'agent' AND status = 'active'")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The agent device registered for the agent installation {@code agentUid}, if any. */
  Optional<String> agentWithUid(Connection c, String agentUid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT device_id FROM devices WHERE agent_uid = ?")) {
      ps.setString(1, agentUid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** The camera agent {@code agent} already has as {@code agentCameraId}, if any. */
  Optional<String> agentCamera(Connection c, String agent, long agentCameraId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT device_id FROM devices WHERE agent_id = ? AND agent_camera_id = ?")) {
      ps.setString(1, agent);
      ps.setLong(2, agentCameraId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Every device, by id. */
  List<DeviceView> list() throws SQLException {
    List<DeviceView> devices = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT device_id, kind, name, lat, lon, status, created_at, key_rotated_at, previous_key_valid_until, revoked_at,
              agent_id, agent_camera_id, agent_uid
            FROM devices ORDER BY device_id""");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        devices.add(new DeviceView(rs.getString(1), rs.getString(2), rs.getString(3), (Double) rs.getObject(4),
            (Double) rs.getObject(5), rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
            instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), rs.getString(11),
            rs.getObject(12) == null ? null : rs.getLong(12), rs.getString(13)));
      }
    }
    return devices;
  }

  /** The device's status ({@code active}/{@code revoked}), when it exists. */
  Optional<String> status(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT status FROM devices WHERE device_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * Makes {@code newKey} the active device's key; the old key stays valid until {@code oldValidUntil}.
   *
   * @return false when no active device has {@code id}
   */
  boolean rotate(Connection c, String id, String newKey, Instant now, Instant oldValidUntil) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
            UPDATE devices SET previous_key_sha256 = key_sha256, previous_key_valid_until = ?, key_sha256 = ?,
              key_rotated_at = ?
            WHERE device_id = ? AND status = 'active'""")) {
      ps.setTimestamp(1, Timestamp.from(oldValidUntil));
      ps.setBytes(2, DeviceKeys.digest(newKey));
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setString(4, id);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Revokes the active device {@code id}: every key of it is refused from now on.
   *
   * @return false when no active device has {@code id}
   */
  boolean revoke(Connection c, String id, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
            UPDATE devices SET status = 'revoked', revoked_at = ?, previous_key_sha256 = NULL,
              previous_key_valid_until = NULL
            WHERE device_id = ? AND status = 'active'""")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
