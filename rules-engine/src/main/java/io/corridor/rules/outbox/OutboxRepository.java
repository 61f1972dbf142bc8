package io.corridor.rules.outbox;

import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.outbox.LeasedOutbox;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code rules_outbox} table. {@link #claim} leases a batch of rows no live node holds
 * ({@code FOR UPDATE SKIP LOCKED}, so concurrent nodes never take the same row; an expired lease
 * means its node died and the rows are taken again) and returns their reads, decrypted.
 * {@link #complete} marks rows done in the caller's transaction, the one that stores what the rules
 * found. Blocking.
 */
public final class OutboxRepository {

  /** A claimed row: the read's key and the read, or null when the read is no longer stored. */
  public record Claimed(UUID eventId, Instant eventTime, PlateRead read) {}

  /** The rules outbox table: one row per stored read, leased to the member evaluating it. */
  public static final String OUTBOX = "rules_outbox";

  private static final LeasedOutbox TABLE = new LeasedOutbox(OUTBOX, "done_at IS NULL",
      "c.event_id, c.event_time, r.device_id, r.received_time, r.plate_ct, r.country, r.confidence, r.lat, r.lon,"
          + " r.lane, r.speed_kmh, r.frame_ids",
      "LEFT JOIN plate_reads r ON r.event_id = c.event_id AND r.event_time = c.event_time");
  private static final String KEEP_UNTIL_PURGE = """
      UPDATE rules_outbox SET done_at = ?, purge_after = ?, lease_owner = NULL, lease_until = NULL
       WHERE event_id = ? AND event_time = ?""";

  private final DataSource dataSource;
  private final PlateProtector protector;

  /** Decrypts plates with {@code protector}. */
  public OutboxRepository(DataSource dataSource, PlateProtector protector) {
    this.dataSource = dataSource;
    this.protector = protector;
  }

  /** Leases up to {@code limit} rows to {@code owner} until {@code now + lease}, oldest reads first. */
  public List<Claimed> claim(String owner, int limit, Duration lease, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return TABLE.claim(c, owner, limit, lease, now, this::row).stream().map(LeasedOutbox.Claim::row).toList();
    }
  }

  private Claimed row(ResultSet rs) throws SQLException {
    UUID id = rs.getObject(1, UUID.class);
    Instant eventTime = rs.getTimestamp(2).toInstant();
    if (rs.getString(3) == null) {
      return new Claimed(id, eventTime, null);
    }
    Timestamp received = rs.getTimestamp(4);
    Object lat = rs.getObject(8);
    Object lane = rs.getObject(10);
    Object speed = rs.getObject(11);
    Array frames = rs.getArray(12);
    PlateRead read = PlateRead.newBuilder()
        .setEventId(id.toString())
        .setDeviceId(rs.getString(3))
        .setEventTime(eventTime)
        .setReceivedTime(received == null ? null : received.toInstant())
        .setPlate(protector.decrypt(rs.getBytes(5)))
        .setCountry(rs.getString(6))
        .setConfidence(rs.getFloat(7))
        .setLocation(lat == null ? null : new GeoPoint(((Number) lat).doubleValue(), rs.getDouble(9)))
        .setLane(lane == null ? null : ((Number) lane).intValue())
        .setSpeedKmh(speed == null ? null : ((Number) speed).floatValue())
        .setFrameIds(frames == null ? List.of() : List.of((String[]) frames.getArray()))
        .build();
    return new Claimed(id, eventTime, read);
  }

  /** A claimed row whose evaluation finished; {@code purgeAfter} is null unless it must wait for the purge. */
  public record Done(Claimed row, Instant purgeAfter) {}

  /**
   * Marks {@code rows} done in {@code c}'s transaction: deleted, or, when {@code purgeAfter} is set
   * (an enforcement-site read that proved nothing), kept until the purge may delete its read.
   */
  public static void complete(Connection c, List<Done> rows, Instant now) throws SQLException {
    List<LeasedOutbox.Key> delete = new ArrayList<>();
    try (PreparedStatement keep = c.prepareStatement(KEEP_UNTIL_PURGE)) {
      for (Done done : rows) {
        if (done.purgeAfter() == null) {
          delete.add(new LeasedOutbox.Key(done.row().eventId(), done.row().eventTime()));
        } else {
          keep.setTimestamp(1, Timestamp.from(now));
          keep.setTimestamp(2, Timestamp.from(done.purgeAfter()));
          keep.setObject(3, done.row().eventId());
          keep.setTimestamp(4, Timestamp.from(done.row().eventTime()));
          keep.addBatch();
        }
      }
      keep.executeBatch();
    }
    TABLE.delete(c, delete);
  }
}
