package io.corridor.load;

import io.corridor.storage.DailyPartition;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.TimeSeriesTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Loads synthetic plate reads into {@code plate_reads} inside the database: plates {@code BX<i>}
 * with their real blind index and ciphertext (computed once per plate in Java and copied into a
 * scratch table), each plate read once a day at a random camera {@code bench-cam-<n>} and a random
 * time of the day, over {@code days} daily partitions ending now.
 *
 * <p>Each day is one {@code INSERT … SELECT} straight into its partition, two days at a time, in
 * the transaction that truncated the partition: under {@code wal_level = minimal} (which {@link
 * QueryBench} sets for the load on a server it manages) PostgreSQL then writes no WAL for the rows
 * and syncs the files at commit instead. Each day is vacuumed and analyzed right after, as
 * autovacuum would have done by the time anyone queries it, so the loaded database is settled.
 * Secondary indexes are dropped for the load and rebuilt after, two at a time.
 */
final class SyntheticReads {

  /** Secondary indexes of {@code plate_reads}, as the migrations define them. */
  private static final List<String> INDEXES = List.of(
      "CREATE INDEX plate_reads_hash_time ON plate_reads (plate_hash, event_time)",
      "CREATE INDEX plate_reads_device_time ON plate_reads (device_id, event_time)",
      "CREATE INDEX plate_reads_device_frames ON plate_reads (device_id, event_time) WHERE cardinality(frame_ids) > 0");

  private SyntheticReads() {}

  /** The plate text of plate number {@code i}. */
  static String plate(int i) {
    return "BX" + i;
  }

  /** The id of camera number {@code n}. */
  static String camera(int n) {
    return String.format("bench-cam-%04d", n);
  }

  /** Loads; returns the rows inserted. */
  static long load(DataSource db, PlateProtector protector, QueryBenchOptions o, Instant now, PrintStream out)
      throws Exception {
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS bench_plates");
      st.execute("CREATE UNLOGGED TABLE bench_plates (i integer NOT NULL, hash bytea NOT NULL, ct bytea NOT NULL)");
      for (String index : INDEXES) {
        st.execute("DROP INDEX IF EXISTS " + index.split(" ")[2]);
      }
    }
    long started = System.nanoTime();
    copyPlates(db, protector, o.plates());
    out.printf("  %,d plates encrypted and copied (%.0f s)%n", o.plates(), (System.nanoTime() - started) / 1e9);
    insertCameras(db, o.cameras());
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Long>> days = new ArrayList<>();
    AtomicLong inserted = new AtomicLong();
    for (int d = 0; d < o.days(); d++) {
      LocalDate day = today.minusDays(o.days() - 1 - d);
      // Today's reads stop at now, so every window ending now sees them all.
      Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      long span = day.equals(today) ? Math.max(1, now.getEpochSecond() - start.getEpochSecond() - 1) : 86_399;
      days.add(pool.submit(() -> {
        long rows = insertDay(db, o, new DailyPartition(TimeSeriesTable.PLATE_READS, day), start, span);
        long total = inserted.addAndGet(rows);
        out.printf("  %s: %,d rows, %,d in all (%.0f s)%n", day, rows, total, (System.nanoTime() - started) / 1e9);
        return rows;
      }));
    }
    long rows = 0;
    for (Future<Long> day : days) {
      rows += day.get();
    }
    out.printf("rebuilding indexes, two at a time (%.0f s) ...%n", (System.nanoTime() - started) / 1e9);
    List<Future<Void>> builds = new ArrayList<>();
    // The two device indexes share columns, hence the names PostgreSQL picks for their partitions'
    // indexes: built at the same time they would race for one name, so one connection builds both.
    for (List<String> group : List.of(INDEXES.subList(0, 1), INDEXES.subList(1, INDEXES.size()))) {
      builds.add(pool.submit(() -> {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
          st.execute("SET maintenance_work_mem = '512MB'");
          st.execute("SET max_parallel_maintenance_workers = 0"); // two builds already use both cores
          for (String index : group) {
            st.execute(index);
          }
        }
        return null;
      }));
    }
    for (Future<Void> build : builds) {
      build.get();
    }
    pool.shutdown();
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE bench_plates");
    }
    out.printf("loaded and indexed in %.0f s%n", (System.nanoTime() - started) / 1e9);
    return rows;
  }

  /** One read per plate of the day, at random cameras and times; then the day is vacuumed and analyzed. */
  private static long insertDay(DataSource db, QueryBenchOptions o, DailyPartition partition, Instant start,
      long spanSeconds) throws SQLException {
    long rows;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL synchronous_commit = off"); // a bulk load; the timed queries commit normally
        st.execute("SET LOCAL work_mem = '64MB'");
        st.execute("TRUNCATE " + partition.name()); // a new file in this transaction: no WAL under wal_level=minimal
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + partition.name() + """
           (event_id, device_id, event_time, received_time, plate_hash, plate_ct, country,
                                   confidence, lat, lon, lane, frame_ids)
          SELECT gen_random_uuid(), 'bench-cam-' || lpad(g.cam::text, 4, '0'), g.ts, g.ts + interval '2 seconds',
                 g.hash, g.ct, 'XK', 0.9, NULL, NULL, 1, '{}'
            FROM (SELECT p.hash, p.ct, (random() * (? - 1))::int AS cam,
                         ?::timestamptz + random() * make_interval(secs => ?) AS ts
                    FROM bench_plates p) g""")) {
        ps.setInt(1, o.cameras());
        ps.setTimestamp(2, Timestamp.from(start));
        ps.setLong(3, spanSeconds);
        rows = ps.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("VACUUM (ANALYZE) " + partition.name());
      }
    }
    return rows;
  }

  /** The plates' blind index and ciphertext, computed here and copied in as text in one COPY. */
  private static void copyPlates(DataSource db, PlateProtector protector, int plates) throws Exception {
    HexFormat hex = HexFormat.of();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(plates * 160);
    for (int i = 0; i < plates; i++) {
      String line = i + "\t\\\\x" + hex.formatHex(protector.hash(plate(i))) + "\t\\\\x"
          + hex.formatHex(protector.encrypt(plate(i))) + "\n";
      buffer.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
    }
    try (Connection c = db.getConnection()) {
      c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY bench_plates (i, hash, ct) FROM STDIN", new ByteArrayInputStream(buffer.toByteArray()), 65_536);
    }
  }

  private static void insertCameras(DataSource db, int cameras) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO devices (device_id, kind, key_sha256, name, lat, lon) VALUES (?, 'camera', '\\x00', ?, ?, ?)"
            + " ON CONFLICT DO NOTHING")) {
      int side = (int) Math.ceil(Math.sqrt(cameras));
      for (int n = 0; n < cameras; n++) {
        // A grid over Kosovo, roughly 42.0-43.2 N, 20.0-21.8 E.
        ps.setString(1, camera(n));
        ps.setString(2, camera(n));
        ps.setDouble(3, 42.0 + 1.2 * (n / side) / side);
        ps.setDouble(4, 20.0 + 1.8 * (n % side) / side);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
