package io.corridor.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * What PostgreSQL itself counted during a phase (PostgreSQL 16 and later): WAL records, full-page
 * images and bytes, WAL syncs ({@code pg_stat_wal}), and buffer reads, writes and evictions of all
 * its processes ({@code pg_stat_io}), per position. Tells a phase that pays for a large table's
 * index pages (read back, evicted dirty, written whole after a checkpoint) from one that does not.
 */
final class PgActivity {

  private static final String WAL = "SELECT wal_records, wal_fpi, wal_bytes, wal_sync FROM pg_stat_wal";
  private static final String IO = "SELECT coalesce(sum(reads), 0), coalesce(sum(writes), 0),"
      + " coalesce(sum(evictions), 0), coalesce(sum(hits), 0) FROM pg_stat_io";

  private static final String VACUUMS = "SELECT coalesce(sum(autovacuum_count), 0), coalesce(sum(autoanalyze_count), 0)"
      + " FROM pg_stat_all_tables";

  /** The counters at one moment; all zero when the server has no such views. */
  record Sample(double walRecords, double fpi, double walBytes, double syncs, double reads, double writes,
      double evictions, double hits, double autovacuums, double autoanalyzes) {}

  private final DataSource db;

  PgActivity(DataSource db) {
    this.db = db;
  }

  /** The counters now (after a second, so backends have reported what they did: they flush their statistics at most once a second). */
  Sample sample() {
    try {
      Thread.sleep(1_100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      double[] w = row(st, WAL, 4);
      double[] io = row(st, IO, 4);
      double[] v = row(st, VACUUMS, 2);
      return new Sample(w[0], w[1], w[2], w[3], io[0], io[1], io[2], io[3], v[0], v[1]);
    } catch (SQLException e) {
      return new Sample(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
  }

  private static double[] row(Statement st, String sql, int columns) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      double[] v = new double[columns];
      if (rs.next()) {
        for (int i = 0; i < columns; i++) {
          v[i] = rs.getDouble(i + 1);
        }
      }
      return v;
    }
  }

  /** The phase between two samples, per position. */
  static String describe(Sample a, Sample b, long positions) {
    double n = positions;
    return String.format(Locale.ROOT, "PostgreSQL counted per position: WAL %.2f records, %.0f bytes, %.3f full-page"
        + " images, %.4f syncs; buffers %.1f hits, %.3f reads, %.3f writes, %.3f evictions; autovacuum runs %.0f,"
        + " autoanalyze runs %.0f in the phase",
        (b.walRecords() - a.walRecords()) / n, (b.walBytes() - a.walBytes()) / n, (b.fpi() - a.fpi()) / n,
        (b.syncs() - a.syncs()) / n, (b.hits() - a.hits()) / n, (b.reads() - a.reads()) / n,
        (b.writes() - a.writes()) / n, (b.evictions() - a.evictions()) / n, b.autovacuums() - a.autovacuums(),
        b.autoanalyzes() - a.autoanalyzes());
  }
}
