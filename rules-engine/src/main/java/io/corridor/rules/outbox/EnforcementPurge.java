package io.corridor.rules.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Deletes the reads from enforcement sites that proved nothing once their pairing window has
 * closed: the read itself and its outbox row, in one statement. A read that a violation rests on
 * ({@code violation_reads}) or that raised an alert is kept. Run once per retention interval, so a
 * read is gone at most one interval after its window closed. Blocking; idempotent, so every node
 * may run it.
 */
public final class EnforcementPurge {

  private static final String PURGE = """
      WITH due AS (
        DELETE FROM rules_outbox WHERE (event_id, event_time) IN (
          SELECT event_id, event_time FROM rules_outbox
           WHERE done_at IS NOT NULL AND purge_after <= ? LIMIT ?)
        RETURNING event_id, event_time),
      gone AS (
        DELETE FROM plate_reads r USING due
         WHERE r.event_id = due.event_id AND r.event_time = due.event_time
           AND NOT EXISTS (SELECT 1 FROM violation_reads v WHERE v.read_id = r.event_id)
           AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.subject_id = r.event_id::text)
        RETURNING r.event_id)
      SELECT (SELECT count(*) FROM due), (SELECT count(*) FROM gone)""";
  private static final int CHUNK = 10_000;

  private final DataSource dataSource;

  /** Purges through {@code dataSource}. */
  public EnforcementPurge(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Deletes what is due at {@code now}; returns how many reads were deleted. */
  public long run(Instant now) throws SQLException {
    long deleted = 0;
    while (true) {
      try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PURGE)) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setInt(2, CHUNK);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          deleted += rs.getLong(2);
          if (rs.getLong(1) < CHUNK) {
            return deleted;
          }
        }
      }
    }
  }
}
