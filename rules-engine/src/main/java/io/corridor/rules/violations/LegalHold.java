package io.corridor.rules.violations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps the frames behind an issued violation for as long as its case is open: issuing sets
 * their {@code keep_until} to infinity (the retention job never deletes them); closing gives them
 * the ordinary evidence retention again, unless another open case still holds them. Runs in the
 * review step's transaction.
 */
final class LegalHold {

  private static final String FRAMES_OF = """
      (device_id, frame_id::text) IN (SELECT device_id, unnest(frame_ids) FROM violation_reads WHERE violation_id = ?)""";

  private LegalHold() {}

  /** Holds every evidence frame of violation {@code id}; returns how many. */
  static int hold(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE evidence_frames SET keep_until = 'infinity' WHERE " + FRAMES_OF)) {
      ps.setObject(1, UUID.fromString(id));
      return ps.executeUpdate();
    }
  }

  /** Ends the hold of violation {@code id}: its frames are kept until {@code keepUntil}. */
  static int release(Connection c, String id, Instant keepUntil) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        UPDATE evidence_frames ef SET keep_until = greatest(?, marked_at + interval '1 second')
         WHERE keep_until = 'infinity' AND """ + FRAMES_OF + """
           AND NOT EXISTS (SELECT 1 FROM violation_reads vr JOIN violations v USING (violation_id)
                            WHERE v.status = 'issued' AND v.violation_id <> ? AND vr.device_id = ef.device_id
                              AND ef.frame_id::text = ANY(vr.frame_ids))""")) {
      ps.setTimestamp(1, Timestamp.from(keepUntil));
      ps.setObject(2, UUID.fromString(id));
      ps.setObject(3, UUID.fromString(id));
      return ps.executeUpdate();
    }
  }
}
