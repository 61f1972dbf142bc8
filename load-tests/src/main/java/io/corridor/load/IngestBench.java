package io.corridor.load;

import io.corridor.config.Settings;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.node.CorridorNode;
import io.corridor.storage.EmbeddedPostgresServer;
import io.corridor.testkit.FreePorts;
import io.corridor.testkit.TestKeys;
import io.corridor.testkit.TimescaleAvailability;
import io.corridor.testkit.TimescaleServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * {@code bench ingest}: the same plate reads once through a real node (HTTP, Avro batches, group
 * commit into {@code plate_reads}) and once by COPY into a scratch table of the same shape, in the
 * same database and run, and the ratio of the two rates. Returns 0 when every read was stored
 * exactly once on both sides, 1 otherwise.
 */
public final class IngestBench {

  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final BenchOptions options;
  private final PrintStream out;

  /** A bench with {@code options} printing its report to {@code out}. */
  public IngestBench(BenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the bench; returns the process exit code. */
  public int run() throws Exception {
    EmbeddedPostgresServer postgres = null;
    TimescaleServer timescale = null;
    Path dataDir = null;
    CorridorNode node = null;
    CopyBaseline copy = null;
    try {
      String dbUrl = options.dbUrl();
      if (options.timescale()) {
        Optional<String> unavailable = TimescaleAvailability.unavailableReason();
        if (unavailable.isPresent()) {
          throw new IllegalStateException("TimescaleDB cannot run here: " + unavailable.get());
        }
        dataDir = Files.createTempDirectory("corridor-bench-ts-");
        out.println("starting PostgreSQL 15 with TimescaleDB in " + dataDir + " ...");
        timescale = TimescaleServer.start(dataDir.resolve("data"), FreePorts.next());
        dbUrl = timescale.jdbcUrl();
      } else if (dbUrl == null) {
        dataDir = Files.createTempDirectory("corridor-bench-pg-");
        out.println("starting embedded PostgreSQL in " + dataDir + " ...");
        postgres = EmbeddedPostgresServer.start(dataDir, Path.of(System.getProperty("java.io.tmpdir"), "corridor-pg-bin"),
            0, true);
        dbUrl = postgres.jdbcUrl();
      }
      node = CorridorNode.start(nodeSettings(dbUrl));
      String deviceId = "bench-cam-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      String deviceKey = UUID.randomUUID().toString();
      new DeviceRepository(node.database().dataSource())
          .register(deviceId, "camera", deviceKey, "bench camera", 42.66, 21.16);
      node.reloadDevices();
      DataSource db = node.database().dataSource();
      copy = CopyBaseline.create(db);

      out.println("encoding " + (options.warmup() + options.reads()) + " reads (Avro bodies and COPY rows) ...");
      long seed = ThreadLocalRandom.current().nextLong();
      Workload warmup = Workload.generate(deviceId, options.warmup(), options.batch(), node.protector(), seed);
      Workload timed = Workload.generate(deviceId, options.reads(), options.batch(), node.protector(), seed + 1);
      HttpLoad http = new HttpLoad(URI.create("http://127.0.0.1:" + node.httpPort() + "/v1/reads"), deviceId, deviceKey);

      // Warm-up: JIT, connection pools and buffers on both paths; neither is timed.
      HttpLoad.Result warm = http.run(warmup.batches(), options.concurrency(), new LatencyRecorder(16));
      awaitRules(db);
      copy.run(warmup.batches(), options.copyConnections());

      // A checkpoint before each timed phase so neither pays for the other's dirty pages.
      checkpoint(db);
      LatencyRecorder latencies = new LatencyRecorder(timed.batches().size());
      long pendingAtEnd;
      long httpStart = System.nanoTime();
      HttpLoad.Result result = http.run(timed.batches(), options.concurrency(), latencies);
      pendingAtEnd = rulesPending(db);
      // The rules consume the outbox concurrently with ingest; the COPY side starts once they are done,
      // so it never competes with them.
      long drainNanos = awaitRules(db);
      long rulesNanos = System.nanoTime() - httpStart;
      checkpoint(db);
      long copyNanos = copy.run(timed.batches(), options.copyConnections());

      long expected = (long) options.warmup() + options.reads();
      long stored = count(db, deviceId);
      long copied = copy.count();
      long matching = copy.countMatching();
      report(db, timed, result, warm, latencies.summary(), copyNanos, expected, stored, copied);
      out.printf("            same rows on both sides: %d of %d %s%n", matching, expected,
          matching == expected ? "OK" : "MISMATCH");
      copy.drop();
      copy = null;
      StorageFootprint.report(db, stored, out);
      out.printf("rules     : every read through the rules outbox in the ingest transaction; %d not yet evaluated at the"
          + " last ack, outbox empty %.2f s later (%,.0f reads/s evaluated, hotlist + engine, one node)%n", pendingAtEnd,
          seconds(drainNanos), options.reads() / seconds(rulesNanos));
      boolean ok = stored == expected && copied == expected && matching == expected
          && result.failedRequests() == 0 && warm.failedRequests() == 0;
      return ok ? 0 : 1;
    } finally {
      if (copy != null) {
        try {
          copy.drop();
        } catch (SQLException e) {
          out.println("warning: could not drop " + copy.table() + ": " + e.getMessage());
        }
      }
      if (node != null) {
        node.close();
      }
      if (postgres != null) {
        postgres.close();
      }
      if (timescale != null) {
        timescale.close();
      }
      if (dataDir != null) {
        deleteTree(dataDir);
      }
    }
  }

  private Settings nodeSettings(String dbUrl) {
    Map<String, String> values = new HashMap<>(TestKeys.settings());
    values.put("db.url", dbUrl);
    values.put("cluster.name", "corridor-bench-" + UUID.randomUUID());
    values.put("http.port", "0");
    values.put("tracking.osmand.port", "0");
    values.put("mqtt.port", "0");
    values.put("ingest.max-batch", String.valueOf(Math.max(2000, options.batch())));
    values.put("ingest.max-body-bytes", String.valueOf(MAX_BODY_BYTES));
    // Room for every in-flight batch, so 503s mean a slow database rather than a small queue.
    values.put("ingest.writer.queue-capacity",
        String.valueOf(Math.max(200_000, 2L * options.batch() * options.concurrency())));
    return Settings.of(values);
  }

  private void report(DataSource db, Workload timed, HttpLoad.Result http, HttpLoad.Result warm,
      LatencyRecorder.Summary latency, long copyNanos, long expected, long stored, long copied) throws SQLException {
    double httpRate = http.acknowledgedReads() / seconds(http.elapsedNanos());
    double copyRate = timed.reads() / seconds(copyNanos);
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    out.println();
    out.println("== bench ingest ==");
    out.printf("machine   : %d cpus, %.1f GiB RAM, Java %s (%s), %s %s %s%n", Runtime.getRuntime().availableProcessors(),
        os.getTotalMemorySize() / (1024.0 * 1024 * 1024), Runtime.version(), System.getProperty("java.vm.name"),
        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
    out.printf("database  : %s%n", databaseInfo(db));
    out.printf("parameters: reads=%d warmup=%d batch=%d concurrency=%d copy-connections=%d%n", options.reads(),
        options.warmup(), options.batch(), options.concurrency(), options.copyConnections());
    out.printf("payload   : %.1f MiB Avro over HTTP, %.1f MiB binary COPY (encoded before timing)%n",
        timed.avroBytes() / 1048576.0, timed.copyBytes() / 1048576.0);
    out.printf("HTTP      : %,.0f reads/s (%d reads in %.2f s, %d requests)%n", httpRate, http.acknowledgedReads(),
        seconds(http.elapsedNanos()), timed.batches().size());
    out.printf("COPY      : %,.0f rows/s (%d rows in %.2f s; one COPY + commit per %d rows)%n", copyRate, timed.reads(),
        seconds(copyNanos), options.batch());
    out.printf("            into %s%n", CopyBaseline.TABLE_SHAPE);
    out.printf("ratio     : %.2f HTTP/COPY (goal >= 0.50: %s)%n", httpRate / copyRate,
        httpRate / copyRate >= 0.5 ? "met" : "NOT met");
    out.printf("ack (ms)  : p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (per request, first send to 200, %d samples)%n",
        millis(latency.p50()), millis(latency.p90()), millis(latency.p99()), millis(latency.max()), latency.samples());
    out.printf("errors    : %d failed requests, %d retried 503s, %d retried transport errors (warm-up: %d, %d, %d)%n",
        http.failedRequests(), http.retries503(), http.transportErrors(), warm.failedRequests(), warm.retries503(),
        warm.transportErrors());
    for (String sample : http.failureSamples()) {
      out.println("            e.g. " + sample);
    }
    out.printf("verify    : plate_reads %d of %d %s; scratch table %d of %d %s%n", stored, expected,
        stored == expected ? "OK" : "MISMATCH", copied, expected, copied == expected ? "OK" : "MISMATCH");
  }

  private static long rulesPending(DataSource db) throws SQLException {
    try (Connection c = db.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM rules_outbox WHERE done_at IS NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Waits until the rules evaluated every committed read; returns how long that took. */
  private static long awaitRules(DataSource db) throws SQLException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
    while (rulesPending(db) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the rules outbox did not drain within 10 minutes");
      }
      Thread.sleep(50);
    }
    return System.nanoTime() - start;
  }

  private static String databaseInfo(DataSource db) throws SQLException {
    try (Connection c = db.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'),"
            + " current_setting('synchronous_commit'), current_setting('shared_buffers'),"
            + " (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb')")) {
      rs.next();
      String layout = rs.getString(5) == null ? "native daily partitions" : "TimescaleDB " + rs.getString(5) + " hypertable";
      return "PostgreSQL " + rs.getString(1) + ", fsync=" + rs.getString(2) + ", synchronous_commit=" + rs.getString(3)
          + ", shared_buffers=" + rs.getString(4) + "; plate_reads: " + layout;
    }
  }

  /** Best effort: CHECKPOINT needs superuser (or pg_checkpoint); without it the phases just share the background writer. */
  private void checkpoint(DataSource db) {
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      st.execute("CHECKPOINT");
    } catch (SQLException e) {
      out.println("note: CHECKPOINT not allowed (" + e.getMessage() + "); phases not separated by a checkpoint");
    }
  }

  private static long count(DataSource db, String deviceId) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM plate_reads WHERE device_id = ?")) {
      ps.setString(1, deviceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** Deletes {@code root} and everything under it, best effort (bench data directories). */
  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp directory is harmless; the report is what matters.
    }
  }
}
