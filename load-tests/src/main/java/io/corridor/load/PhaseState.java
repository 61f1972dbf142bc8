package io.corridor.load;

import io.corridor.ingest.BinaryCopy;
import io.corridor.tracking.positions.PositionRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The database state each timed phase of {@code bench tracking} starts from. Measured before: the
 * OsmAnd phase came first after the warm-up's 800 000 rows, and autovacuum and autoanalyze of the
 * day's partition (due for what the warm-up wrote) ran inside it in some runs, but not in the MQTT
 * phase after it; the COPY went into an empty plain table, whose two small indexes and heap cost
 * less per row than those of a partition holding the warm-up's rows. So every timed phase now
 * starts from what the warm-up left, vacuumed, analyzed and checkpointed: the COPY's scratch table
 * is partitioned like {@code positions} and holds the warm-up's rows, as {@code positions} did.
 * Only statements an operator runs too (VACUUM, ANALYZE, CHECKPOINT); no server setting changes.
 */
final class PhaseState {

  private PhaseState() {}

  /**
   * Creates the COPY's scratch table {@code LIKE positions} with its keys and indexes; when
   * {@code partitioned} and {@code positions} is natively partitioned, with the same partitions.
   */
  static void createScratch(Statement st, String scratch, boolean partitioned) throws SQLException {
    List<String> bounds = new ArrayList<>();
    if (partitioned) {
      try (ResultSet rs = st.executeQuery("SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i"
          + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent"
          + " WHERE p.relname = 'positions' AND p.relkind = 'p' ORDER BY 1")) {
        while (rs.next()) {
          bounds.add(rs.getString(1));
        }
      }
    }
    String like = "(LIKE positions INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)";
    if (bounds.isEmpty()) {
      st.execute("CREATE TABLE " + scratch + " " + like);
      return;
    }
    st.execute("CREATE TABLE " + scratch + " " + like + " PARTITION BY RANGE (event_time)");
    for (int i = 0; i < bounds.size(); i++) {
      st.execute("CREATE TABLE " + scratch + "_p" + i + " PARTITION OF " + scratch + " " + bounds.get(i));
    }
  }

  /** Copies every row of {@code positions} (the warm-up's, before the timed phases) into the scratch table. */
  static String fillScratch(DataSource db, String scratch) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      int rows = st.executeUpdate("INSERT INTO " + scratch + " SELECT * FROM positions");
      return String.format(Locale.ROOT, "scratch table for the COPY phase: the warm-up's %d rows copied in %.1f s", rows,
          (System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * Waits up to 30 s for the cargo outbox to drain (the last fixes judged, their groups deleted),
   * then vacuums and analyzes {@code positions}, the cargo outbox tables and the bench's scratch
   * tables. Returns a line saying how long it took.
   */
  static String settle(DataSource db, Statement st) throws SQLException {
    long start = System.nanoTime();
    List<String> tables = new ArrayList<>(List.of("positions"));
    try (ResultSet rs = st.executeQuery("SELECT relname FROM pg_class WHERE relkind IN ('r', 'p') AND NOT relispartition"
        + " AND (relname IN ('cargo_outbox', 'cargo_outbox_groups') OR relname LIKE 'bench\\_positions\\_%')")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    boolean groups = tables.contains("cargo_outbox_groups");
    for (int i = 0; i < 300 && groups && count(st, "SELECT count(*) FROM cargo_outbox_groups") > 0; i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    long drained = System.nanoTime();
    st.execute("VACUUM (ANALYZE) " + String.join(", ", tables));
    return String.format(Locale.ROOT, "settled: outbox drained in %.1f s, VACUUM (ANALYZE) of %s in %.1f s; CHECKPOINT",
        (drained - start) / 1e9, String.join(", ", tables), (System.nanoTime() - drained) / 1e9);
  }

  /**
   * The COPY as measured before {@code --settle}: the same rows into an empty plain table
   * {@code LIKE positions}, checkpointed first. Returns the lines the bench prints.
   */
  static String copyIntoEmpty(DataSource db, String scratch, CpuMeter cpu, PgActivity pg, List<byte[]> first,
      List<byte[]> second) throws Exception {
    String empty = scratch + "_empty";
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE " + empty + " (LIKE positions INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
      st.execute("CHECKPOINT");
      PgActivity.Sample p0 = pg.sample();
      CpuMeter.Sample s0 = cpu.sample();
      long start = System.nanoTime();
      c.setAutoCommit(false);
      PGConnection copy = c.unwrap(PGConnection.class);
      String sql = "COPY " + empty + " (" + PositionRows.COLUMNS + ") FROM STDIN (FORMAT binary)";
      for (List<byte[]> batches : List.of(first, second)) {
        for (byte[] batch : batches) {
          BinaryCopy.copyIn(copy, sql, batch); // as the timed COPY and the node's writers send theirs
          c.commit();
        }
      }
      long nanos = System.nanoTime() - start;
      CpuMeter.Sample s1 = cpu.sample();
      PgActivity.Sample p1 = pg.sample();
      c.setAutoCommit(true);
      long rows = count(st, "SELECT count(*) FROM " + empty);
      st.execute("DROP TABLE " + empty);
      return String.format(Locale.ROOT, "COPY into an empty plain table (the set-up before --settle): %,.0f rows/s%n"
          + "            %s%n            %s", rows / (nanos / 1e9), cpu.describe(s0, s1, rows),
          PgActivity.describe(p0, p1, rows));
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
