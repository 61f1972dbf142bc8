package io.corridor.load;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * What {@code bench queries} loaded, recorded in the database beside the reads so a later run
 * ({@code --reuse}) times the same windows against the same plates without loading again.
 *
 * @param loadedAt the instant the reads end at (every window ends there)
 * @param rows reads loaded
 * @param plates distinct plates
 * @param cameras cameras
 * @param days daily partitions
 */
record LoadedReads(Instant loadedAt, long rows, int plates, int cameras, int days) {

  /** Replaces the record of an earlier load with this one. */
  void record(DataSource db) throws SQLException {
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS bench_queries_loaded (loaded_at timestamptz NOT NULL, rows bigint NOT NULL,"
          + " plates integer NOT NULL, cameras integer NOT NULL, days integer NOT NULL)");
      st.execute("DELETE FROM bench_queries_loaded");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_queries_loaded VALUES (?, ?, ?, ?, ?)")) {
        ps.setTimestamp(1, Timestamp.from(loadedAt));
        ps.setLong(2, rows);
        ps.setInt(3, plates);
        ps.setInt(4, cameras);
        ps.setInt(5, days);
        ps.executeUpdate();
      }
    }
  }

  /**
   * The earlier load, after checking that {@code plate_reads} still holds its rows: the live row
   * counts VACUUM left in {@code pg_class} (exact after the load's per-day VACUUM; a count(*) of
   * 100 M rows would read the whole table), within 0.1 % of what was loaded.
   */
  static LoadedReads check(DataSource db, PrintStream out) throws SQLException {
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      LoadedReads loaded;
      try (ResultSet rs = st.executeQuery("SELECT to_regclass('bench_queries_loaded') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw new IllegalStateException("--reuse: this database holds no reads loaded by bench queries; run without --reuse first");
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT loaded_at, rows, plates, cameras, days FROM bench_queries_loaded")) {
        if (!rs.next()) {
          throw new IllegalStateException("--reuse: the earlier load did not finish; run without --reuse");
        }
        loaded = new LoadedReads(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5));
      }
      try (ResultSet rs = st.executeQuery("""
          SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
           WHERE p.relname = 'plate_reads'""")) {
        rs.next();
        long present = rs.getLong(1);
        if (Math.abs(present - loaded.rows()) > loaded.rows() / 1000) {
          throw new IllegalStateException(String.format(
              "--reuse: plate_reads holds about %,d rows, the load recorded %,d; run without --reuse", present, loaded.rows()));
        }
        out.printf("reusing %,d reads (%,d present) loaded for %s%n", loaded.rows(), present, loaded.loadedAt());
      }
      return loaded;
    }
  }
}
