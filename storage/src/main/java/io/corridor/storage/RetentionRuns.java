package io.corridor.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The record of retention runs (table {@code retention_runs}), read by the retention report. */
public final class RetentionRuns {

  /** One run as recorded. */
  public record Run(Instant at, List<String> created, List<String> dropped, int evidenceDeleted, boolean timescale,
      int heldExpired) {}

  private RetentionRuns() {}

  /** Records {@code report} as the run at {@code at} and returns it. */
  static PartitionMaintenance.Report record(Connection c, PartitionMaintenance.Report report, Instant at)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO retention_runs (run_at, created, dropped, evidence_deleted, timescale, held_expired) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_at) DO NOTHING""")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setArray(2, c.createArrayOf("text", report.created().toArray()));
      ps.setArray(3, c.createArrayOf("text", report.dropped().toArray()));
      ps.setInt(4, report.evidenceDeleted());
      ps.setBoolean(5, report.timescale());
      ps.setInt(6, report.heldExpired());
      ps.executeUpdate();
    }
    return report;
  }

  /** The latest recorded run, if any. */
  public static Optional<Run> last(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT run_at, created, dropped, evidence_deleted, timescale, held_expired FROM retention_runs"
            + " ORDER BY run_at DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(new Run(rs.getTimestamp(1).toInstant(), List.of((String[]) rs.getArray(2).getArray()),
          List.of((String[]) rs.getArray(3).getArray()), rs.getInt(4), rs.getBoolean(5), rs.getInt(6)));
    }
  }
}
