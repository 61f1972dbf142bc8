package io.corridor.storage.hold;

import io.corridor.storage.AuditLog;
import io.corridor.storage.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Legal hold, the one mechanism for every case that keeps evidence (an issued violation, an
 * approved warrant's case): the case's plate reads are copied out of the daily partitions into
 * {@code held_reads}, which rolling expiry does not drop, and the evidence frames behind them (and
 * any the caller names) get {@code keep_until = infinity}. Releasing the hold when the case ends
 * marks it released: its frames get {@code evidenceRetention} from that moment (unless another
 * open hold keeps them) and its read copies are expired by the retention job under the ordinary
 * read retention ({@link #expireReleased}). Each hold and release commits together with its audit
 * row, or not at all; the {@code Connection} forms run in the caller's transaction (a review step,
 * a case close). Blocking.
 *
 * <p>Case references: {@code violation:<id>}, {@code case:<caseId>}, {@code shipment:<shipmentId>:<customsCase>}
 * (a customs case's hold on a shipment: the tracking module copies the journey's positions, see
 * {@code ShipmentHolds} there, through {@link #open} and {@link #close}).
 */
public final class LegalHolds {

  /** Who asks for a hold or release, and why (recorded in the audit row). */
  public record Actor(String subject, String role, String reason) {}

  /** An evidence frame to hold besides those the held reads name. */
  public record Frame(String deviceId, String frameId) {}

  /**
   * One hold.
   *
   * @param reads read copies it has now (a released hold's copies until the retention job expires them)
   * @param frames frames it keeps now (none once released)
   */
  public record Hold(String caseRef, Instant openedAt, String openedBy, String reason, Instant releasedAt,
      String releasedBy, int reads, int frames) {}

  /** The frames of {@code case_ref = ?} whose hold this is. */
  private static final String FRAMES_OF_CASE = """
      (device_id, frame_id::text) IN (SELECT device_id, frame_id FROM held_frames WHERE case_ref = ?)""";

  private final DataSource dataSource;
  private final AuditLog audit;
  private final Duration evidenceRetention;
  private final Clock clock;

  /**
   * Holds through {@code dataSource}, audited in {@code audit}.
   *
   * @param evidenceRetention how long a frame is kept once the last hold on it is released
   */
  public LegalHolds(DataSource dataSource, AuditLog audit, Duration evidenceRetention, Clock clock) {
    this.dataSource = dataSource;
    this.audit = audit;
    this.evidenceRetention = evidenceRetention;
    this.clock = clock;
  }

  /** {@link #hold(Connection, String, Collection, Collection, Actor)} in a transaction of its own. */
  public List<String> hold(String caseRef, Collection<String> readIds, Actor actor) throws SQLException {
    return inTransaction(c -> hold(c, caseRef, readIds, List.of(), actor));
  }

  /**
   * Places the reads {@code readIds}, the frames they name and {@code frames} under the hold of
   * {@code caseRef} (opening it, or reopening a released one), in {@code c}'s transaction. Reads
   * already held for the case are kept once; ids that name no stored read are ignored.
   *
   * @return the ids of the reads now copied for this case by this call
   */
  public List<String> hold(Connection c, String caseRef, Collection<String> readIds, Collection<Frame> frames, Actor actor)
      throws SQLException {
    Instant now = clock.instant();
    open(c, caseRef, actor);
    UUID[] ids = uuids(readIds);
    List<String> copied = new ArrayList<>();
    try (PreparedStatement copy = c.prepareStatement("""
        INSERT INTO held_reads (case_ref, event_id, device_id, event_time, received_time, plate_hash, plate_ct,
                                country, confidence, lat, lon, lane, speed_kmh, frame_ids, held_at)
        SELECT ?, event_id, device_id, event_time, received_time, plate_hash, plate_ct, country, confidence,
               lat, lon, lane, speed_kmh, frame_ids, ?
          FROM plate_reads WHERE event_id = ANY (?)
        ON CONFLICT (case_ref, event_id) DO NOTHING
        RETURNING event_id""")) {
      copy.setString(1, caseRef);
      copy.setTimestamp(2, Timestamp.from(now));
      copy.setArray(3, c.createArrayOf("uuid", ids));
      try (ResultSet rs = copy.executeQuery()) {
        while (rs.next()) {
          copied.add(rs.getString(1));
        }
      }
    }
    int framesHeld = holdFrames(c, caseRef, ids, frames);
    audit.append(c, new AuditLog.Entry(actor.subject(), actor.role(), "hold.add", "case " + caseRef,
        copied.size(), actor.reason() + "; frames kept: " + framesHeld, null, null, null, copied));
    return copied;
  }

  /**
   * Opens the hold of {@code caseRef} in {@code c}'s transaction: a new one, or a released one again
   * (then recorded as opened now by {@code actor}); an open one is left as it is. Writes no audit
   * row: the caller's hold step does, with what it holds.
   *
   * @return whether it was opened now (false: it was open already)
   */
  public boolean open(Connection c, String caseRef, Actor actor) throws SQLException {
    try (PreparedStatement open = c.prepareStatement("""
        INSERT INTO legal_holds (case_ref, opened_at, opened_by, reason) VALUES (?, ?, ?, ?)
        ON CONFLICT (case_ref) DO UPDATE SET opened_at = excluded.opened_at, opened_by = excluded.opened_by,
               reason = excluded.reason, released_at = NULL, released_by = NULL
         WHERE legal_holds.released_at IS NOT NULL""")) {
      open.setString(1, caseRef);
      open.setTimestamp(2, Timestamp.from(clock.instant()));
      open.setString(3, actor.subject());
      open.setString(4, actor.reason());
      return open.executeUpdate() == 1;
    }
  }

  private static int holdFrames(Connection c, String caseRef, UUID[] readIds, Collection<Frame> frames)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO held_frames (case_ref, device_id, frame_id)
        SELECT ?, device_id, unnest(frame_ids) FROM held_reads WHERE case_ref = ? AND event_id = ANY (?)
        UNION SELECT ?, d, f FROM unnest(?::text[], ?::text[]) AS given (d, f)
        ON CONFLICT DO NOTHING""")) {
      ps.setString(1, caseRef);
      ps.setString(2, caseRef);
      ps.setArray(3, c.createArrayOf("uuid", readIds));
      ps.setString(4, caseRef);
      ps.setArray(5, c.createArrayOf("text", frames.stream().map(Frame::deviceId).toArray()));
      ps.setArray(6, c.createArrayOf("text", frames.stream().map(Frame::frameId).toArray()));
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE evidence_frames SET keep_until = 'infinity' WHERE " + FRAMES_OF_CASE)) {
      ps.setString(1, caseRef);
      return ps.executeUpdate();
    }
  }

  /** {@link #release(Connection, String, Actor)} in a transaction of its own. */
  public int release(String caseRef, Actor actor) throws SQLException {
    return inTransaction(c -> release(c, caseRef, actor));
  }

  /**
   * Releases the hold of {@code caseRef} (the case is over), in {@code c}'s transaction: its frames
   * are kept {@code evidenceRetention} from now unless another open hold keeps them, and its read
   * copies stay until the retention job expires them under the read retention.
   *
   * @return how many read copies the hold had; -1 when no such hold is open
   */
  public int release(Connection c, String caseRef, Actor actor) throws SQLException {
    Instant now = clock.instant();
    if (!close(c, caseRef, actor)) {
      return -1;
    }
    List<String> reads = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM held_reads WHERE case_ref = ? ORDER BY event_id")) {
      ps.setString(1, caseRef);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reads.add(rs.getString(1));
        }
      }
    }
    int frames;
    try (PreparedStatement ps = c.prepareStatement("""
        UPDATE evidence_frames ef SET keep_until = greatest(?, marked_at + interval '1 second')
         WHERE keep_until = 'infinity' AND """ + FRAMES_OF_CASE + """
           AND NOT EXISTS (SELECT 1 FROM held_frames o JOIN legal_holds h USING (case_ref)
                            WHERE h.released_at IS NULL AND o.case_ref <> ? AND o.device_id = ef.device_id
                              AND o.frame_id = ef.frame_id::text)""")) {
      ps.setTimestamp(1, Timestamp.from(now.plus(evidenceRetention)));
      ps.setString(2, caseRef);
      ps.setString(3, caseRef);
      frames = ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM held_frames WHERE case_ref = ?")) {
      ps.setString(1, caseRef);
      ps.executeUpdate();
    }
    audit.append(c, new AuditLog.Entry(actor.subject(), actor.role(), "hold.release", "case " + caseRef,
        reads.size(), actor.reason() + "; frames kept until " + now.plus(evidenceRetention) + ": " + frames, null, null,
        null, reads));
    return reads.size();
  }

  /**
   * Marks the hold of {@code caseRef} released now by {@code actor}, in {@code c}'s transaction; what
   * it kept is the caller's to let go. Writes no audit row: the caller's release step does.
   *
   * @return whether it was open (false: no such hold, or released already)
   */
  public boolean close(Connection c, String caseRef, Actor actor) throws SQLException {
    try (PreparedStatement close = c.prepareStatement(
        "UPDATE legal_holds SET released_at = ?, released_by = ? WHERE case_ref = ? AND released_at IS NULL")) {
      close.setTimestamp(1, Timestamp.from(clock.instant()));
      close.setString(2, actor.subject());
      close.setString(3, caseRef);
      return close.executeUpdate() == 1;
    }
  }

  /**
   * The retention job's part: deletes the read copies of released holds whose event time is
   * before {@code cutoff} (now less the read retention), as their partitions would have been.
   *
   * @return how many copies were deleted
   */
  public static int expireReleased(Connection c, Instant cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        DELETE FROM held_reads r USING legal_holds h
         WHERE h.case_ref = r.case_ref AND h.released_at IS NOT NULL AND r.event_time < ?""")) {
      ps.setTimestamp(1, Timestamp.from(cutoff));
      return ps.executeUpdate();
    }
  }

  /** Every hold, newest first, with how many reads and frames it holds now. */
  public List<Hold> list() throws SQLException {
    List<Hold> holds = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT h.case_ref, h.opened_at, h.opened_by, h.reason, h.released_at, h.released_by,
                   (SELECT count(*) FROM held_reads r WHERE r.case_ref = h.case_ref),
                   (SELECT count(*) FROM held_frames f WHERE f.case_ref = h.case_ref)
              FROM legal_holds h ORDER BY h.opened_at DESC, h.case_ref""");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp released = rs.getTimestamp(5);
        holds.add(new Hold(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
            released == null ? null : released.toInstant(), rs.getString(6), rs.getInt(7), rs.getInt(8)));
      }
    }
    return holds;
  }

  private <T> T inTransaction(Transactions.Work<T> work) throws SQLException {
    return Transactions.inTransaction(dataSource, work);
  }

  private static UUID[] uuids(Collection<String> ids) {
    List<UUID> result = new ArrayList<>();
    for (String id : ids) {
      try {
        result.add(UUID.fromString(id));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("read id '" + id + "' is not a UUID");
      }
    }
    return result.toArray(UUID[]::new);
  }
}
