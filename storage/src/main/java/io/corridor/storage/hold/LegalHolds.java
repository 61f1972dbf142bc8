package io.corridor.storage.hold;

import io.corridor.storage.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Legal hold: copies plate reads named by a case (an issued violation, an approved warrant's case)
 * out of the daily partitions into {@code held_reads}, which rolling expiry never touches, and
 * deletes them when the case is released. Each hold and release commits together with its audit
 * row, or not at all. Blocking.
 *
 * <p>Other modules call it with a case reference of their own, e.g.
 * {@code holds.hold("violation:" + id, readIds, holder)}.
 */
public final class LegalHolds {

  /** Who asks for a hold or release, and why (recorded in the audit row). */
  public record Actor(String subject, String role, String reason) {}

  /** One held case. */
  public record Hold(String caseRef, Instant openedAt, String openedBy, String reason, Instant releasedAt,
      String releasedBy, int reads) {}

  private final DataSource dataSource;
  private final AuditLog audit;
  private final Clock clock;

  /** Holds through {@code dataSource}, audited in {@code audit}. */
  public LegalHolds(DataSource dataSource, AuditLog audit, Clock clock) {
    this.dataSource = dataSource;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Places the reads {@code readIds} under the hold of {@code caseRef} (opening it, or reopening a
   * released one). Reads already held for the case are kept once; ids that name no stored read are
   * ignored.
   *
   * @return the ids of the reads now copied for this case by this call
   */
  public List<String> hold(String caseRef, Collection<String> readIds, Actor actor) throws SQLException {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement open = c.prepareStatement("""
            INSERT INTO legal_holds (case_ref, opened_at, opened_by, reason) VALUES (?, ?, ?, ?)
            ON CONFLICT (case_ref) DO UPDATE SET released_at = NULL, released_by = NULL""")) {
          open.setString(1, caseRef);
          open.setTimestamp(2, Timestamp.from(now));
          open.setString(3, actor.subject());
          open.setString(4, actor.reason());
          open.executeUpdate();
        }
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
          copy.setArray(3, c.createArrayOf("uuid", uuids(readIds)));
          try (ResultSet rs = copy.executeQuery()) {
            while (rs.next()) {
              copied.add(rs.getString(1));
            }
          }
        }
        audit.append(c, new AuditLog.Entry(actor.subject(), actor.role(), "hold.add", "case " + caseRef,
            copied.size(), actor.reason(), null, null, null, copied));
        c.commit();
        return copied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Releases the hold of {@code caseRef} (the case is closed): its held reads are deleted.
   *
   * @return how many held reads were deleted; -1 when no such hold is open
   */
  public int release(String caseRef, Actor actor) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement close = c.prepareStatement(
            "UPDATE legal_holds SET released_at = ?, released_by = ? WHERE case_ref = ? AND released_at IS NULL")) {
          close.setTimestamp(1, Timestamp.from(clock.instant()));
          close.setString(2, actor.subject());
          close.setString(3, caseRef);
          if (close.executeUpdate() == 0) {
            c.rollback();
            return -1;
          }
        }
        List<String> deleted = new ArrayList<>();
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM held_reads WHERE case_ref = ? RETURNING event_id")) {
          delete.setString(1, caseRef);
          try (ResultSet rs = delete.executeQuery()) {
            while (rs.next()) {
              deleted.add(rs.getString(1));
            }
          }
        }
        audit.append(c, new AuditLog.Entry(actor.subject(), actor.role(), "hold.release", "case " + caseRef,
            deleted.size(), actor.reason(), null, null, null, deleted));
        c.commit();
        return deleted.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Every hold, newest first, with how many reads it holds now. */
  public List<Hold> list() throws SQLException {
    List<Hold> holds = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT h.case_ref, h.opened_at, h.opened_by, h.reason, h.released_at, h.released_by,
                   (SELECT count(*) FROM held_reads r WHERE r.case_ref = h.case_ref)
              FROM legal_holds h ORDER BY h.opened_at DESC, h.case_ref""");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp released = rs.getTimestamp(5);
        holds.add(new Hold(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
            released == null ? null : released.toInstant(), rs.getString(6), rs.getInt(7)));
      }
    }
    return holds;
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
