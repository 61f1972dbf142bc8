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
 * Also PostgreSQL's commits and inserted and deleted tuples of the database ({@code pg_stat_database}:
 * the cargo outbox's group rows and their deletions among them), and, from the node's
 * {@code /metrics} when it has a port, the positions writer's group commits and the positions they
 * held, so each phase says how many commits and outbox rows its fixes cost.
 */
final class PgActivity {

  private static final String WAL = "SELECT wal_records, wal_fpi, wal_bytes, wal_sync FROM pg_stat_wal";
  private static final String IO = "SELECT coalesce(sum(reads), 0), coalesce(sum(writes), 0),"
      + " coalesce(sum(evictions), 0), coalesce(sum(hits), 0) FROM pg_stat_io";

  private static final String VACUUMS = "SELECT coalesce(sum(autovacuum_count), 0), coalesce(sum(autoanalyze_count), 0)"
      + " FROM pg_stat_all_tables";
  private static final String DATABASE = "SELECT xact_commit, tup_inserted, tup_deleted FROM pg_stat_database"
      + " WHERE datname = current_database()";

  /** The counters at one moment; all zero when the server has no such views. */
  record Sample(double walRecords, double fpi, double walBytes, double syncs, double reads, double writes,
      double evictions, double hits, double autovacuums, double autoanalyzes, double commits, double inserted,
      double deleted, double groups, double grouped) {}

  private final DataSource db;
  /** One client for every sample: a new one per sample started its threads right before a timed phase. */
  private final NodeMetrics node;

  PgActivity(DataSource db) {
    this(db, 0);
  }

  /** @param nodeHttpPort the node whose positions writer is counted too ({@code /metrics}), or 0 */
  PgActivity(DataSource db, int nodeHttpPort) {
    this.db = db;
    this.node = nodeHttpPort > 0 ? new NodeMetrics(nodeHttpPort) : null;
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
      double[] d = row(st, DATABASE, 3);
      double[] g = writer();
      return new Sample(w[0], w[1], w[2], w[3], io[0], io[1], io[2], io[3], v[0], v[1], d[0], d[1], d[2], g[0], g[1]);
    } catch (SQLException e) {
      return new Sample(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
  }

  /** The positions writer's group commits and the positions they held so far; zeros without a node. */
  private double[] writer() {
    if (node == null) {
      return new double[2];
    }
    try {
      String metrics = node.scrape();
      return new double[] {NodeMetrics.metric(metrics, "corridor_positions_group_commit_seconds_count"),
          NodeMetrics.metric(metrics, "corridor_positions_committed_total")};
    } catch (java.io.IOException e) {
      return new double[2];
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new double[2];
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
        + " autoanalyze runs %.0f in the phase; %.4f commits, %.3f tuples inserted, %.4f deleted%s",
        (b.walRecords() - a.walRecords()) / n, (b.walBytes() - a.walBytes()) / n, (b.fpi() - a.fpi()) / n,
        (b.syncs() - a.syncs()) / n, (b.hits() - a.hits()) / n, (b.reads() - a.reads()) / n,
        (b.writes() - a.writes()) / n, (b.evictions() - a.evictions()) / n, b.autovacuums() - a.autovacuums(),
        b.autoanalyzes() - a.autoanalyzes(), (b.commits() - a.commits()) / n, (b.inserted() - a.inserted()) / n,
        (b.deleted() - a.deleted()) / n, b.groups() == a.groups() ? "" : String.format(Locale.ROOT,
            "; positions writer: %.0f group commits, %.1f positions each", b.groups() - a.groups(),
            (b.grouped() - a.grouped()) / (b.groups() - a.groups())));
  }
}
