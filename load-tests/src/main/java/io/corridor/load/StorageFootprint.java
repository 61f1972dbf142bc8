package io.corridor.load;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Bytes per stored read in {@code plate_reads} (table, TOAST and indexes) after a bench run, and on
 * TimescaleDB the same after compressing every chunk: the figures docs/capacity.md sizes storage from.
 */
final class StorageFootprint {

  private StorageFootprint() {}

  static void report(DataSource db, long rows, PrintStream out) throws SQLException {
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      boolean timescale;
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'")) {
        rs.next();
        timescale = rs.getInt(1) > 0;
      }
      long before = size(st, timescale);
      out.printf("storage   : %.0f bytes/read in plate_reads incl. indexes (%,d rows, %.1f MiB)%n",
          (double) before / rows, rows, before / 1048576.0);
      if (timescale) {
        long start = System.nanoTime();
        st.execute("SELECT count(compress_chunk(c, if_not_compressed => true)) FROM show_chunks('plate_reads') c");
        long after = size(st, true);
        out.printf("            compressed: %.0f bytes/read (%.1fx smaller; compress_chunk took %.1f s)%n",
            (double) after / rows, (double) before / after, (System.nanoTime() - start) / 1e9);
      }
    }
  }

  private static long size(Statement st, boolean timescale) throws SQLException {
    String sql = timescale ? "SELECT hypertable_size('plate_reads')"
        : "SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits WHERE inhparent = 'plate_reads'::regclass";
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
