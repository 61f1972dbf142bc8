package io.corridor.load;

import java.io.PrintStream;
import io.corridor.storage.HourlyReadCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Bytes per stored read in {@code plate_reads} (table, TOAST and indexes) after a bench run, and on
 * TimescaleDB the same after compressing every chunk, and query times (plate look-up by blind index,
 * hourly counts) before and after: the figures docs/capacity.md sizes storage from.
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
      List<byte[]> hashes = sampleHashes(st);
      out.printf("storage   : %.0f bytes/read in plate_reads incl. indexes (%,d rows, %.1f MiB)%n",
          (double) before / rows, rows, before / 1048576.0);
      out.printf("queries   : %s%n", queries(c, hashes));
      if (timescale) {
        long start = System.nanoTime();
        st.execute("SELECT count(compress_chunk(c, if_not_compressed => true)) FROM show_chunks('plate_reads') c");
        long after = size(st, true);
        out.printf("            compressed: %.0f bytes/read (%.1fx smaller; compress_chunk took %.1f s)%n",
            (double) after / rows, (double) before / after, (System.nanoTime() - start) / 1e9);
        out.printf("            compressed queries: %s%n", queries(c, hashes));
      }
    }
  }

  private static List<byte[]> sampleHashes(Statement st) throws SQLException {
    List<byte[]> hashes = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT plate_hash FROM plate_reads ORDER BY random() LIMIT 200")) {
      while (rs.next()) {
        hashes.add(rs.getBytes(1));
      }
    }
    return hashes;
  }

  /** Median and p95 of a warrant-style look-up by blind index over 8 days, and one hourly count query. */
  private static String queries(Connection c, List<byte[]> hashes) throws SQLException {
    long[] nanos = new long[hashes.size()];
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT event_id, event_time, plate_ct FROM plate_reads WHERE plate_hash = ? AND event_time > now() - interval '8 days'")) {
      for (int i = 0; i < hashes.size(); i++) {
        long start = System.nanoTime();
        ps.setBytes(1, hashes.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getBytes(3);
          }
        }
        nanos[i] = System.nanoTime() - start;
      }
    }
    Arrays.sort(nanos);
    long start = System.nanoTime();
    int buckets = HourlyReadCounts.between(c, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofHours(1)))
        .size();
    double hourly = (System.nanoTime() - start) / 1e6;
    return String.format("plate look-up (8 days) p50 %.2f ms, p95 %.2f ms over %d hashes; hourly counts (1 day, %d buckets) %.1f ms",
        nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 95 / 100] / 1e6, nanos.length, buckets, hourly);
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
