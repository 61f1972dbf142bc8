package io.corridor.load;

import io.corridor.config.Settings;
import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.ingest.BatchSink;
import io.corridor.ingest.BinaryCopy;
import io.corridor.ingest.CopyPayload;
import io.corridor.ingest.IngestOptions;
import io.corridor.storage.Database;
import io.corridor.storage.EmbeddedPostgresServer;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.StorageOptions;
import io.corridor.storage.outbox.LeasedOutbox;
import io.corridor.testkit.TestKeys;
import io.corridor.tracking.positions.CopyBatchSink;
import io.corridor.tracking.positions.OutboxGroup;
import io.corridor.tracking.positions.PositionOutboxSink;
import io.corridor.tracking.positions.PositionRows;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * What PostgreSQL spends per committed position on the positions writer's path, without the node:
 * {@code bin/corridor bench position-outbox [group] [blocks]} commits groups of positions into
 * {@code positions} on an embedded PostgreSQL, one connection, four ways taking turns in blocks of
 * {@value #BLOCK} commits (so the growing table and the machine's load weigh on each alike), three
 * rounds of {@code blocks} blocks each:
 * the V32 cargo outbox (a savepoint, the positions COPY, a row per position in {@code cargo_outbox}
 * and their deletion by key), the groups of V33 (no savepoint, the positions COPY, a row per commit
 * in {@code cargo_outbox_groups} and its deletion), the same with the savepoint, and the positions
 * COPY alone. Judged rows are deleted every ten commits, as the node's flush every 250 ms does at
 * 40 commits per second, and each block ends with a {@code VACUUM} of the outbox tables, the work
 * autovacuum would otherwise do later. PostgreSQL's CPU is its postmaster and every child from
 * {@code /proc}; autovacuum is off for the run, so that its work on {@code positions} (the same for
 * all) does not land on one variant by chance. Prints each round and the median of the rounds.
 */
final class PositionOutboxBench {

  private static final int FLUSH_EVERY = 10;
  private static final int ROUNDS = 3;
  private static final int BLOCK = 60;
  private static final String V32_COPY = "COPY cargo_outbox (event_id, event_time, lease_owner, lease_until)"
      + " FROM STDIN (FORMAT binary)";
  private static final LeasedOutbox V32 = new LeasedOutbox(PositionOutboxSink.TABLE, "true", "c.event_id", "");

  private final int group;
  private final int blocks;
  private final PrintStream out;

  PositionOutboxBench(List<String> args, PrintStream out) {
    this.group = args.isEmpty() ? 110 : Integer.parseInt(args.get(0));
    this.blocks = args.size() < 2 ? 10 : Integer.parseInt(args.get(1));
    this.out = out;
  }

  private interface Variant {
    /** Writes one group in {@code c}'s transaction; returns what to delete at the next flush. */
    Object write(Connection c, List<Position> positions) throws Exception;

    /** Deletes what the writes since the last flush returned, in autocommit. */
    void flush(Connection c, List<Object> judged) throws Exception;
  }

  int run() throws Exception {
    Path dataDir = Files.createTempDirectory("corridor-bench-pg-");
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir,
        Path.of(System.getProperty("java.io.tmpdir"), "corridor-pg-bin"), 0, true)) {
      Map<String, String> values = new HashMap<>(TestKeys.settings());
      values.put("db.url", postgres.jdbcUrl());
      Settings settings = Settings.of(values);
      StorageOptions storage = new StorageOptions(settings);
      try (Database db = Database.open(storage)) {
        db.migrate(false);
        new PartitionMaintenance(db.dataSource(), storage.retention(), storage.partitionsAhead(),
            new IngestOptions(settings).maxAge(), Clock.systemUTC()).run();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
          st.execute("ALTER SYSTEM SET autovacuum = off");
          st.execute("SELECT pg_reload_conf()");
        }
        CpuMeter meter = new CpuMeter(CpuMeter.postmasterOf(dataDir));
        Map<String, Variant> variants = new java.util.LinkedHashMap<>();
        variants.put("V32 row per position + savepoint", v32());
        variants.put("V33 row per commit, no savepoint", groups(PositionRows.sink()));
        variants.put("V33 row per commit + savepoint", groups(new CopyBatchSink<>(PositionRows.TABLE,
            PositionRows.COLUMNS, PositionRows::encode, Position::getEventId)));
        variants.put("positions COPY only, no savepoint", positionsOnly());
        out.printf(Locale.ROOT, "%d × %d commits of %d positions per variant and round, one connection; %s%n", blocks,
            BLOCK, group, "PostgreSQL CPU µs per position (postmaster and all children), wall µs per position");
        Map<String, List<Double>> results = new java.util.LinkedHashMap<>();
        for (int round = 0; round <= ROUNDS; round++) { // round 0 warms up
          Map<String, long[]> sums = new java.util.LinkedHashMap<>(); // PostgreSQL ns, wall ns
          for (int b = 0; b < (round == 0 ? 2 : blocks); b++) {
            for (Map.Entry<String, Variant> v : variants.entrySet()) {
              long[] cost = measure(db.dataSource(), meter, v.getValue());
              long[] sum = sums.computeIfAbsent(v.getKey(), k -> new long[2]);
              sum[0] += cost[0];
              sum[1] += cost[1];
            }
          }
          if (round == 0) {
            continue;
          }
          long n = (long) blocks * BLOCK * group;
          for (Map.Entry<String, long[]> e : sums.entrySet()) {
            double micros = e.getValue()[0] / 1e3 / n;
            results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(micros);
            out.printf(Locale.ROOT, "round %d  %-36s PostgreSQL %5.1f µs, wall %5.1f µs; load average %s%n", round,
                e.getKey(), micros, e.getValue()[1] / 1e3 / n, CpuMeter.loadAverage());
          }
        }
        results.forEach((name, list) -> {
          List<Double> sorted = list.stream().sorted().toList();
          out.printf(Locale.ROOT, "median   %-36s PostgreSQL %5.1f µs per position (rounds %.1f–%.1f)%n", name,
              sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast());
        });
      }
    } finally {
      IngestBench.deleteTree(dataDir); // the server stopped when the try closed it
    }
    return 0;
  }

  /** Commits one block through {@code variant}; returns PostgreSQL's CPU and the wall time, in ns. */
  private long[] measure(DataSource db, CpuMeter meter, Variant variant) throws Exception {
    List<List<Position>> groups = new ArrayList<>(BLOCK);
    for (int i = 0; i < BLOCK; i++) {
      groups.add(positions());
    }
    try (Connection c = db.getConnection()) {
      CpuMeter.Sample from = meter.sample();
      List<Object> judged = new ArrayList<>();
      for (int i = 0; i < BLOCK; i++) {
        c.setAutoCommit(false);
        judged.add(variant.write(c, groups.get(i)));
        c.commit();
        if ((i + 1) % FLUSH_EVERY == 0 || i == BLOCK - 1) {
          c.setAutoCommit(true);
          variant.flush(c, judged);
          judged.clear();
        }
      }
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("VACUUM cargo_outbox");
        st.execute("VACUUM cargo_outbox_groups");
      }
      CpuMeter.Sample to = meter.sample();
      return new long[] {to.postgres() - from.postgres(), to.wallNanos() - from.wallNanos()};
    }
  }

  /** V32 as it was: a savepoint, the positions, a four-column row per position, deleted by key. */
  private static Variant v32() {
    BatchSink<Position> positions = new CopyBatchSink<>(PositionRows.TABLE, PositionRows.COLUMNS, PositionRows::encode,
        Position::getEventId);
    return new Variant() {
      @Override
      public Object write(Connection c, List<Position> items) throws Exception {
        List<Position> stored = positions.write(c, items);
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        CopyPayload copy = new CopyPayload(stored.size(), 64);
        for (Position p : stored) {
          copy.row(4).uuid(p.getEventId()).timestamp(p.getEventTime()).text("bench").timestamp(until);
        }
        BinaryCopy.copyIn(c.unwrap(PGConnection.class), V32_COPY, copy.finish());
        return stored.stream().map(p -> new LeasedOutbox.Key(UUID.fromString(p.getEventId()), p.getEventTime())).toList();
      }

      @Override
      public void flush(Connection c, List<Object> judged) throws Exception {
        List<LeasedOutbox.Key> keys = new ArrayList<>();
        judged.forEach(j -> keys.addAll(keys(j)));
        V32.delete(c, keys);
      }
    };
  }

  /** V33: the positions through {@code sink}, then one row for the group, deleted by its name. */
  private static Variant groups(BatchSink<Position> sink) {
    PositionOutboxSink outbox = new PositionOutboxSink(sink, "bench", Duration.ofSeconds(30), Clock.systemUTC());
    return new Variant() {
      @Override
      public Object write(Connection c, List<Position> items) throws Exception {
        return OutboxGroup.key(outbox.write(c, items));
      }

      @Override
      public void flush(Connection c, List<Object> judged) throws Exception {
        String[] ids = new String[judged.size()];
        String[] times = new String[judged.size()];
        for (int i = 0; i < ids.length; i++) {
          LeasedOutbox.Key k = (LeasedOutbox.Key) judged.get(i);
          ids[i] = k.eventId().toString();
          times[i] = k.eventTime().truncatedTo(ChronoUnit.MICROS).toString();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + OutboxGroup.TABLE
            + " o USING unnest(?::uuid[], ?::timestamptz[]) AS k(event_id, event_time)"
            + " WHERE o.event_id = k.event_id AND o.event_time = k.event_time")) {
          ps.setArray(1, c.createArrayOf("text", ids));
          ps.setArray(2, c.createArrayOf("text", times));
          ps.executeUpdate();
        }
      }
    };
  }

  private static Variant positionsOnly() {
    BatchSink<Position> sink = PositionRows.sink();
    return new Variant() {
      @Override
      public Object write(Connection c, List<Position> items) throws Exception {
        sink.write(c, items);
        return null;
      }

      @Override
      public void flush(Connection c, List<Object> judged) {}
    };
  }

  @SuppressWarnings("unchecked")
  private static List<LeasedOutbox.Key> keys(Object judged) {
    return (List<LeasedOutbox.Key>) judged;
  }

  /** A group like the bench's trackers send: one fix each from as many trackers, a second apart. */
  private List<Position> positions() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<Position> positions = new ArrayList<>(group);
    for (int i = 0; i < group; i++) {
      positions.add(Position.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId("bench-tracker-" + i)
          .setEventTime(now.minusMillis(i)).setReceivedTime(now).setLocation(new GeoPoint(41.3 + i * 1e-4, 19.8))
          .setSpeedKmh(62f).setHeadingDeg(45f).setBatteryPct(90f).setTemperatureC(4.5f)
          .setSensors(Map.of("fuel", 4200.0 - i, "temp1", 4.5)).setProtocol("osmand").build());
    }
    return positions;
  }
}
