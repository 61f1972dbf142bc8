package io.corridor.rules.violations;

import io.corridor.events.Violation;
import io.corridor.storage.PlateProtector;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code violations} table and the reads each rests on. Inserting takes the caller's
 * connection so the consumer of the rules outbox stores violations and marks its position done in
 * one transaction; a violation already stored (a re-run) is left as it is. Blocking.
 */
public final class ViolationStore {

  private static final String INSERT = """
      INSERT INTO violations (violation_id, kind, rule_id, device_id, event_time, found_at, status, plate_hash, plate_ct,
                              measured, limit_value, record, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (violation_id) DO NOTHING""";
  // The proving reads are copied from plate_reads, without plate, so the violation keeps its evidence
  // after the read retention and the enforcement-site purge (which never deletes a read copied here).
  private static final String COPY_READS = """
      INSERT INTO violation_reads (violation_id, read_id, device_id, event_time, received_time, confidence, lane,
                                   speed_kmh, frame_ids)
      SELECT ?, event_id, device_id, event_time, received_time, confidence, lane, speed_kmh, frame_ids
        FROM plate_reads WHERE event_id = ANY(?) ON CONFLICT DO NOTHING""";
  static final String COLUMNS = "violation_id, kind, rule_id, device_id, event_time, found_at, status, plate_ct,"
      + " measured, limit_value, record, reference, issued_at";

  private final PlateProtector protector;

  /** Protects and reveals plates with {@code protector}. */
  public ViolationStore(PlateProtector protector) {
    this.protector = protector;
  }

  /**
   * Stores {@code violation} about {@code plate} (null when not about a plate) in {@code c}'s
   * transaction.
   *
   * @return whether it was new
   */
  public boolean insert(Connection c, Violation violation, String plate, Instant foundAt) throws SQLException {
    UUID id = UUID.fromString(violation.getEventId());
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setObject(1, id);
      ps.setString(2, violation.getKind().name());
      ps.setString(3, violation.getRuleId());
      ps.setString(4, violation.getDeviceId());
      ps.setTimestamp(5, Timestamp.from(violation.getEventTime()));
      ps.setTimestamp(6, Timestamp.from(foundAt));
      ps.setBytes(7, plate == null ? null : protector.hash(plate));
      ps.setBytes(8, plate == null ? null : protector.encrypt(plate));
      ps.setObject(9, violation.getMeasured());
      ps.setObject(10, violation.getLimit());
      ps.setString(11, RecordJson.of(violation).encode());
      ps.setTimestamp(12, Timestamp.from(foundAt));
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(COPY_READS)) {
      ps.setObject(1, id);
      ps.setArray(2, c.createArrayOf("uuid", violation.getReadIds().stream().map(UUID::fromString).toArray()));
      ps.executeUpdate();
    }
    return true;
  }

  /** The violation in {@code c}, with its reads and review history, or null. */
  public ViolationRecord find(Connection c, String id, boolean forUpdate) throws SQLException {
    UUID uuid = parseId(id);
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM violations WHERE violation_id = ?"
        + (forUpdate ? " FOR UPDATE" : ""))) {
      ps.setObject(1, uuid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? record(c, rs) : null;
      }
    }
  }

  /** A page of violations matching {@code filter}, oldest found first. */
  public List<ViolationRecord> list(Connection c, ViolationFilter filter) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM violations WHERE true");
    List<Object> args = new ArrayList<>();
    if (filter.status() != null) {
      sql.append(" AND status = ?");
      args.add(filter.status().code());
    }
    if (filter.kind() != null) {
      sql.append(" AND kind = ?");
      args.add(filter.kind());
    }
    if (filter.camera() != null) {
      sql.append(" AND (device_id = ? OR violation_id IN (SELECT violation_id FROM violation_reads WHERE device_id = ?))");
      args.add(filter.camera());
      args.add(filter.camera());
    }
    if (filter.since() != null) {
      sql.append(" AND found_at >= ?");
      args.add(Timestamp.from(filter.since()));
    }
    if (filter.after() != null) {
      sql.append(" AND (found_at, violation_id) > (?, ?)");
      args.add(Timestamp.from(filter.after().foundAt()));
      args.add(UUID.fromString(filter.after().id()));
    }
    sql.append(" ORDER BY found_at, violation_id LIMIT ?");
    args.add(filter.limit());
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<ViolationRecord> page = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          page.add(record(c, rs));
        }
      }
      return page;
    }
  }

  private ViolationRecord record(Connection c, ResultSet rs) throws SQLException {
    String id = rs.getString(1);
    byte[] ct = rs.getBytes(8);
    Timestamp issued = rs.getTimestamp(13);
    return new ViolationRecord(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
        rs.getTimestamp(6).toInstant(), ViolationStatus.parse(rs.getString(7)), ct == null ? null : protector.decrypt(ct),
        (Double) rs.getObject(9), (Double) rs.getObject(10), new JsonObject(rs.getString(11)), rs.getString(12),
        issued == null ? null : issued.toInstant(), reads(c, id), ReviewLog.steps(c, id));
  }

  private static List<JsonObject> reads(Connection c, String id) throws SQLException {
    List<JsonObject> reads = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT read_id, device_id, event_time, received_time, confidence, lane, speed_kmh, frame_ids
          FROM violation_reads WHERE violation_id = ? ORDER BY event_time, read_id""")) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp received = rs.getTimestamp(4);
          reads.add(new JsonObject().put("id", rs.getString(1)).put("deviceId", rs.getString(2))
              .put("eventTime", rs.getTimestamp(3).toInstant().toString())
              .put("receivedTime", received == null ? null : received.toInstant().toString())
              .put("confidence", rs.getObject(5)).put("lane", rs.getObject(6)).put("speedKmh", rs.getObject(7))
              .put("frameIds", new io.vertx.core.json.JsonArray(List.of((String[]) rs.getArray(8).getArray()))));
        }
      }
    }
    return reads;
  }

  static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (RuntimeException e) {
      throw ReviewException.notFound(id);
    }
  }
}
