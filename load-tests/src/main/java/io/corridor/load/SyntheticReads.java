package io.corridor.load;

import io.corridor.storage.PlateProtector;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Loads synthetic plate reads into {@code plate_reads} inside the database: plates {@code BX<i>}
 * with their real blind index and ciphertext (one ciphertext per plate, computed in Java), spread
 * uniformly over cameras {@code bench-cam-<n>} and over {@code days} daily partitions ending
 * today. Secondary indexes are dropped for the load and rebuilt after, as for any bulk load.
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
      st.execute("CREATE UNLOGGED TABLE bench_plates (i integer PRIMARY KEY, hash bytea NOT NULL, ct bytea NOT NULL)");
      for (String index : INDEXES) {
        st.execute("DROP INDEX IF EXISTS " + index.split(" ")[2]);
      }
    }
    insertPlates(db, protector, o.plates());
    insertCameras(db, o.cameras());
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    long perDay = o.rows() / o.days();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Long>> days = new ArrayList<>();
    for (int d = 0; d < o.days(); d++) {
      LocalDate day = today.minusDays(o.days() - 1 - d);
      long rows = d == o.days() - 1 ? o.rows() - perDay * (o.days() - 1) : perDay;
      // Today's reads stop at now, so every window ending now sees them all.
      Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      long span = d == o.days() - 1 ? Math.max(1, now.getEpochSecond() - start.getEpochSecond() - 1) : 86_399;
      days.add(pool.submit(() -> insertDay(db, o, start, span, rows)));
    }
    long inserted = 0;
    long started = System.nanoTime();
    for (Future<Long> day : days) {
      inserted += day.get();
      if (inserted % (perDay * 10) < perDay) {
        out.printf("  %,d rows (%.0f s)%n", inserted, (System.nanoTime() - started) / 1e9);
      }
    }
    pool.shutdown();
    out.println("rebuilding indexes ...");
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      st.execute("SET maintenance_work_mem = '512MB'");
      for (String index : INDEXES) {
        st.execute(index);
      }
      st.execute("ANALYZE plate_reads");
      st.execute("DROP TABLE bench_plates");
    }
    return inserted;
  }

  private static long insertDay(DataSource db, QueryBenchOptions o, Instant start, long spanSeconds, long rows)
      throws SQLException {
    try (Connection c = db.getConnection()) {
      try (Statement st = c.createStatement()) {
        st.execute("SET synchronous_commit = off"); // a bulk load; the timed queries commit normally
      }
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT INTO plate_reads (event_id, device_id, event_time, received_time, plate_hash, plate_ct, country,
                                   confidence, lat, lon, lane, frame_ids)
          SELECT gen_random_uuid(), 'bench-cam-' || lpad(g.cam::text, 4, '0'), g.ts, g.ts + interval '2 seconds',
                 p.hash, p.ct, 'XK', 0.9, NULL, NULL, 1, '{}'
            FROM (SELECT (random() * (? - 1))::int AS idx, (random() * (? - 1))::int AS cam,
                         ?::timestamptz + random() * make_interval(secs => ?) AS ts
                    FROM generate_series(1, ?)) g
            JOIN bench_plates p ON p.i = g.idx""")) {
        ps.setInt(1, o.plates());
        ps.setInt(2, o.cameras());
        ps.setTimestamp(3, Timestamp.from(start));
        ps.setLong(4, spanSeconds);
        ps.setLong(5, rows);
        return ps.executeUpdate();
      }
    }
  }

  private static void insertPlates(DataSource db, PlateProtector protector, int plates) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO bench_plates (i, hash, ct) VALUES (?, ?, ?)")) {
      c.setAutoCommit(false);
      for (int i = 0; i < plates; i++) {
        ps.setInt(1, i);
        ps.setBytes(2, protector.hash(plate(i)));
        ps.setBytes(3, protector.encrypt(plate(i)));
        ps.addBatch();
        if (i % 5000 == 4999) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    }
  }

  private static void insertCameras(DataSource db, int cameras) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO devices (device_id, kind, key_sha256, name, lat, lon) VALUES (?, 'camera', '\\x00', ?, ?, ?)")) {
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
