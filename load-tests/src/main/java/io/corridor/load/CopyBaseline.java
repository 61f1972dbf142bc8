package io.corridor.load;

import io.corridor.ingest.BinaryCopy;
import io.corridor.ingest.PlateReadCopyEncoder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The database ceiling the HTTP path is compared with: the same rows written with
 * {@code COPY ... FROM STDIN (FORMAT binary)} into a scratch table shaped like {@code plate_reads}.
 * Payloads are encoded beforehand (plate HMAC and AES-GCM included), so this measures what
 * PostgreSQL can take, not what a client can prepare.
 */
public final class CopyBaseline {

  /** What the scratch table is, for the report. */
  public static final String TABLE_SHAPE =
      "plain logged table (not partitioned), LIKE plate_reads incl. defaults, constraints, primary key and indexes";

  private static final String COLUMNS = PlateReadCopyEncoder.COLUMNS;

  private final DataSource dataSource;
  private final String table;

  private CopyBaseline(DataSource dataSource, String table) {
    this.dataSource = dataSource;
    this.table = table;
  }

  /** Creates a scratch table {@code bench_copy_<random>} in the database of {@code dataSource}. */
  public static CopyBaseline create(DataSource dataSource) throws SQLException {
    String table = "bench_copy_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      // Same columns, keys and indexes as plate_reads, so COPY maintains the same B-trees the node does.
      st.execute("CREATE TABLE " + table
          + " (LIKE plate_reads INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
    return new CopyBaseline(dataSource, table);
  }

  /** The scratch table's name. */
  public String table() {
    return table;
  }

  /**
   * Copies every batch, one {@code COPY} and one commit per batch, with {@code connections}
   * connections taking batches in turn; returns the elapsed nanoseconds.
   */
  public long run(List<Workload.Batch> batches, int connections) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    for (int t = 0; t < connections; t++) {
      threads.add(Thread.ofPlatform().name("bench-copy-" + t).start(() -> {
        try (Connection c = dataSource.getConnection()) {
          c.setAutoCommit(false);
          PGConnection pg = c.unwrap(PGConnection.class);
          String sql = "COPY " + table + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
          for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
            byte[] payload = batches.get(i).copy();
            BinaryCopy.copyIn(pg, sql, payload); // as the node's writers send theirs
            c.commit();
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    if (!failures.isEmpty()) {
      throw new IllegalStateException("COPY into " + table + " failed: " + failures.getFirst(), failures.getFirst());
    }
    return elapsed;
  }

  /** Rows in the scratch table. */
  public long count() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Scratch rows equal to a {@code plate_reads} row in every column both sides derive the same way
   * (the ciphertext differs by its random nonce, the received time by who stamped it); proves the
   * two paths wrote the same rows.
   */
  public long countMatching() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " s JOIN plate_reads p USING (event_id,"
            + " event_time, device_id, plate_hash, country, confidence, lane) WHERE p.frame_ids = s.frame_ids"
            + " AND p.lat IS NOT DISTINCT FROM s.lat AND p.speed_kmh IS NOT DISTINCT FROM s.speed_kmh")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Drops the scratch table. */
  public void drop() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + table);
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }
}
