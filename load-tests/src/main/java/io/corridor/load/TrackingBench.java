package io.corridor.load;

import io.corridor.config.Settings;
import io.corridor.ingest.BinaryCopy;
import io.corridor.node.CorridorNode;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.storage.EmbeddedPostgresServer;
import io.corridor.testkit.FreePorts;
import io.corridor.testkit.TestKeys;
import io.corridor.tracking.positions.PositionRows;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * {@code bench tracking}: positions end to end into committed rows through the OsmAnd protocol
 * (HTTP, one fix per request, as trackers send) and through MQTT QoS 1 (one fix per message, PUBACK
 * after commit), against a binary COPY of the same rows into a scratch table shaped like
 * {@code positions}, in the same database and run. Whatever consumes {@code corridor.positions.stored}
 * on the node (the cargo detectors, when on the class path) runs during the timed phases.
 * A last phase drives the same load against {@link BareIntake}, which answers at once and stores
 * nothing: the ceiling the intake protocols themselves allow on this machine.
 * Returns 0 when every position was stored exactly once on every side.
 */
public final class TrackingBench {

  private final PrintStream out;
  private final int positions;
  private final int trackers;
  private final int concurrency;
  private final int window;
  private final String dbUrlOption;
  private final String httpClient;
  private final boolean ceilingInProcess;
  private final int warmUpRounds;
  private final int iterations;
  private final boolean settle;
  private final boolean loadNative;
  private final Map<String, String> nodeSettings = new LinkedHashMap<>();
  private final Map<String, String> serverConfig = new LinkedHashMap<>();

  /**
   * Options: {@code --positions N --trackers T --concurrency C --mqtt-window W --db-url URL
   * --http-client raw|vertx} (the OsmAnd load generator: raw keep-alive sockets, or the Vert.x HTTP
   * client it was first measured with) {@code --ceiling process|jvm} (the ceiling phase's bare
   * server in a JVM of its own, the default, or in this one) {@code --warm-up-rounds R} (at most R
   * untimed warm-up rounds, default 4: see {@link #warmUp}) {@code --iterations I} (timed iterations,
   * default 3: see {@link Iteration}) {@code --set key=value} (a node setting,
   * repeatable: {@code --set tracking.writer.threads=1}) {@code --pg name=value} (a setting of the
   * embedded PostgreSQL, repeatable; durability stays on) {@code --settle on|off} (every timed phase,
   * COPY included, starts from the same database state, the default; off: the set-up measured
   * before 2026-12-01 22:00 UTC, see {@link #checkpoint}) {@code --load-transport nio|native} (the
   * event loops of the raw OsmAnd load generator and the MQTT clients: the JDK's NIO selector, the
   * default, or Netty's native epoll transport; the node's own is {@code --set vertx.native-transport=…}).
   */
  public TrackingBench(List<String> args, PrintStream out) {
    this.out = out;
    Map<String, String> o = new HashMap<>(Map.of("--positions", "100000", "--trackers", "200", "--concurrency", "512",
        "--mqtt-window", "10", "--warm-up-rounds", "4", "--iterations", "3"));
    String db = null;
    String client = "raw";
    boolean inProcess = false;
    boolean settled = true;
    boolean loadOnNative = false;
    for (int i = 0; i < args.size(); i++) {
      String[] kv = args.get(i).contains("=") ? args.get(i).split("=", 2) : new String[] {args.get(i),
          i + 1 < args.size() ? args.get(++i) : null};
      if ((kv[0].equals("--set") || kv[0].equals("--pg")) && kv[1] != null && kv[1].matches("[a-z_.\\-]+=.+")) {
        String[] setting = kv[1].split("=", 2);
        (kv[0].equals("--set") ? nodeSettings : serverConfig).put(setting[0], setting[1]);
      } else if (kv[0].equals("--db-url")) {
        db = kv[1];
      } else if (kv[0].equals("--http-client") && ("raw".equals(kv[1]) || "vertx".equals(kv[1]))) {
        client = kv[1];
      } else if (kv[0].equals("--load-transport") && ("nio".equals(kv[1]) || "native".equals(kv[1]))) {
        loadOnNative = "native".equals(kv[1]);
      } else if (kv[0].equals("--settle") && ("on".equals(kv[1]) || "off".equals(kv[1]))) {
        settled = "on".equals(kv[1]);
      } else if (kv[0].equals("--ceiling") && ("process".equals(kv[1]) || "jvm".equals(kv[1]))) {
        inProcess = "jvm".equals(kv[1]);
      } else if (o.containsKey(kv[0]) && kv[1] != null && kv[1].matches("[1-9][0-9]*")) {
        o.put(kv[0], kv[1]);
      } else {
        throw new IllegalArgumentException("bench tracking: bad option " + String.join("=", kv)
            + "; options: --positions N (per path, default 100000) --trackers T (200) --concurrency C (OsmAnd requests"
            + " in flight, 512) --mqtt-window W (unacknowledged messages per connection, 10) --db-url URL"
            + " --http-client raw|vertx (raw) --ceiling process|jvm (the bare server's own JVM, or this one; process)"
            + " --warm-up-rounds R (at most R untimed rounds until the JIT is quiet under load, 4)"
            + " --iterations I (timed iterations of the three phases, each on rows of its own; the medians are reported; 3)"
            + " --set key=value (a node setting, repeatable) --pg name=value (an embedded PostgreSQL setting, repeatable)"
            + " --settle on|off (each timed phase from the same vacuumed, analyzed, checkpointed state; on)"
            + " --load-transport nio|native (the load generator's event loops; nio)");
      }
    }
    positions = Integer.parseInt(o.get("--positions"));
    trackers = Integer.parseInt(o.get("--trackers"));
    concurrency = Integer.parseInt(o.get("--concurrency"));
    window = Integer.parseInt(o.get("--mqtt-window"));
    dbUrlOption = db;
    httpClient = client;
    ceilingInProcess = inProcess;
    warmUpRounds = Integer.parseInt(o.get("--warm-up-rounds"));
    settle = settled;
    loadNative = loadOnNative;
    iterations = Integer.parseInt(o.get("--iterations"));
    if (warmUpRounds > 9 || iterations > 9) {
      throw new IllegalArgumentException("bench tracking: --warm-up-rounds and --iterations are at most 9");
    }
  }

  /** Runs the bench; returns the exit code. */
  public int run() throws Exception {
    EmbeddedPostgresServer postgres = null;
    CorridorNode node = null;
    String scratch = "bench_positions_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    DataSource db = null;
    OsmAndSender osmand = null;
    Long postmaster = null;
    Path dataDir = null;
    try {
      String dbUrl = dbUrlOption;
      if (dbUrl == null) {
        dataDir = Files.createTempDirectory("corridor-bench-pg-");
        out.println("starting embedded PostgreSQL in " + dataDir + " ...");
        postgres = EmbeddedPostgresServer.start(dataDir, Path.of(System.getProperty("java.io.tmpdir"), "corridor-pg-bin"),
            0, true, serverConfig);
        dbUrl = postgres.jdbcUrl();
        postmaster = CpuMeter.postmasterOf(dataDir);
      }
      int osmandPort = FreePorts.next();
      int mqttPort = FreePorts.next();
      if (!nodeSettings.isEmpty() || !serverConfig.isEmpty()) {
        out.println("node settings " + nodeSettings + ", PostgreSQL settings " + serverConfig);
      }
      node = CorridorNode.start(settings(dbUrl, osmandPort, mqttPort, nodeSettings));
      db = node.database().dataSource();
      String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      // As many trackers as the timed phase, named as long (see warmGroup): the request path then sees the
      // same request lengths and fixes per tracker in flight before timing starts.
      int warmTrackers = trackers;
      // as many as the timed phase: with a quarter, the per-fix methods reached C2's thresholds only in the timed
      // phase, and the C2 compiler thread was the node's busiest thread there (a fifth of its CPU)
      int warmPositions = Math.max(warmTrackers, positions);
      Map<String, String> keys = new LinkedHashMap<>();
      DeviceRepository devices = new DeviceRepository(db);
      Map<String, Integer> groups = new LinkedHashMap<>();
      for (int k = 0; k < iterations; k++) {
        groups.put(timedGroup("osm", k), trackers);
        groups.put(timedGroup("mqtt", k), trackers);
      }
      for (int r = 0; r < warmUpRounds; r++) {
        groups.put(warmGroup("osm", r), warmTrackers);
        groups.put(warmGroup("mqtt", r), warmTrackers);
      }
      for (Map.Entry<String, Integer> g : groups.entrySet()) {
        for (int t = 0; t < g.getValue(); t++) {
          String id = "bench-" + g.getKey() + "-" + run + "-" + t;
          keys.put(id, UUID.randomUUID().toString());
          devices.register(id, "tracker", keys.get(id), "bench tracker", null, null);
        }
      }
      node.reloadDevices();
      Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
      out.println("encoding " + (2L * positions * iterations) + " positions (OsmAnd queries, MQTT payloads, COPY rows) ...");
      List<TrackingWorkload> osm = new ArrayList<>();
      List<TrackingWorkload> mqtt = new ArrayList<>();
      for (int k = 0; k < iterations; k++) {
        osm.add(TrackingWorkload.generate("bench-" + timedGroup("osm", k) + "-" + run, keys, trackers, positions, 500, end));
        mqtt.add(TrackingWorkload.generate("bench-" + timedGroup("mqtt", k) + "-" + run, keys, trackers, positions, 500, end));
      }
      long declareStart = System.nanoTime();
      String mrn = run.substring(1, 6).toUpperCase(java.util.Locale.ROOT);
      BenchShipments shipments = new BenchShipments(node.httpPort(),
          node.tokens().mint("bench-customs", Role.CUSTOMS, Duration.ofHours(2)));
      for (int k = 0; k < iterations; k++) {
        shipments.declare("O" + k + mrn, ids(keys, timedGroup("osm", k), run), trackers,
            TrackingWorkload.perTracker(positions, trackers), end);
        shipments.declare("M" + k + mrn, ids(keys, timedGroup("mqtt", k), run), trackers,
            TrackingWorkload.perTracker(positions, trackers), end);
      }
      for (int r = 0; r < warmUpRounds; r++) {
        shipments.declare("W" + r + mrn, ids(keys, warmGroup("osm", r), run), warmTrackers,
            TrackingWorkload.perTracker(warmPositions, warmTrackers), end);
        shipments.declare("X" + r + mrn, ids(keys, warmGroup("mqtt", r), run), warmTrackers,
            TrackingWorkload.perTracker(warmPositions, warmTrackers), end);
      }
      out.printf("declared and released %d shipments, one per tracker, in %.1f s%n", keys.size(),
          (System.nanoTime() - declareStart) / 1e9);
      try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
        PhaseState.createScratch(st, scratch, settle);
      }

      osmand = httpClient.equals("raw") ? new OsmAndLoad(osmandPort, loadNative) : new OsmAndClientLoad(osmandPort);
      Detectors detectors = new Detectors(node.httpPort());
      TrackingWorkload[] firstRound = new TrackingWorkload[2];
      long warmJudged = warmUp(osmand, detectors, keys, run, warmTrackers, warmPositions, end, mqttPort, firstRound);
      TrackingWorkload warmOsm = firstRound[0];
      TrackingWorkload warmMqtt = firstRound[1];
      if (settle) {
        out.println(PhaseState.fillScratch(db, scratch));
      }
      osmand.prepare(osm.get(0).requests()); // encoded outside the timed window, before the JIT settles
      out.printf("warm-up done; waited %d ms for the JIT to finish compiling%n", CpuMeter.awaitJitQuiet(60_000));
      CpuMeter cpu = new CpuMeter(postmaster);
      PgActivity pg = new PgActivity(db, node.httpPort());
      JudgingMeter judging = new JudgingMeter(node.httpPort());
      Phases phases = new Phases(db, cpu, pg, judging, detectors, osmand, mqttPort, keys, scratch);
      List<Iteration> done = new ArrayList<>();
      long judgedBefore = warmJudged;
      for (int k = 0; k < iterations; k++) {
        if (k > 0) {
          osmand.prepare(osm.get(k).requests());
        }
        out.printf("%n-- timed iteration %d of %d --%n", k + 1, iterations);
        Iteration it = phases.run(osm.get(k), mqtt.get(k), judgedBefore);
        judgedBefore += 2L * positions;
        done.add(it);
      }
      String emptyCopy = settle
          ? PhaseState.copyIntoEmpty(db, scratch, cpu, pg, osm.get(0).copyBatches(), mqtt.get(0).copyBatches()) : null;
      BareIntake.Ceiling ceiling = ceiling(warmOsm, osm.get(0), keys, warmMqtt, mqtt.get(0), cpu);

      long outbox = outboxLeft(db);
      long storedOsm = count(db, "SELECT count(*) FROM positions WHERE " + timedRows("device_id", "osm", run));
      long storedMqtt = count(db, "SELECT count(*) FROM positions WHERE " + timedRows("device_id", "mqtt", run));
      // the scratch table also holds the warm-up's rows when the phases are settled: count the timed ones
      String timed = " WHERE (" + timedRows("s.device_id", "osm", run) + " OR " + timedRows("s.device_id", "mqtt", run) + ")";
      long copied = count(db, "SELECT count(*) FROM " + scratch + " s" + timed);
      long same = count(db, "SELECT count(*) FROM " + scratch + " s JOIN positions p USING (event_id, event_time, device_id)"
          + timed + " AND abs(p.lat - s.lat) < 1e-6 AND abs(p.lon - s.lon) < 1e-6 AND p.sensors = s.sensors");
      long expected = (long) positions * iterations;
      out.println();
      out.println("== bench tracking ==");
      out.printf("machine   : %d cpus, Java %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
      out.printf("parameters: positions=%d per path, trackers=%d, OsmAnd in flight=%d (%s client), MQTT window=%d per"
          + " connection, %d timed iterations%n", positions, trackers, concurrency, httpClient, window, iterations);
      out.printf("transport : node %s, load generator %s%n", OsmAndLoad.transportOf(node.vertx()),
          osmand instanceof OsmAndLoad raw ? raw.transport() : "the Vert.x HTTP client");
      Iteration median = Iteration.medianByOsmAnd(done);
      out.printf("OsmAnd    : %,.0f positions/s, the median of %d iterations (%s; one fix per HTTP request; %d retried"
          + " 503s, %d failed)%n", Iteration.median(done, Iteration::httpRate), iterations,
          Iteration.list(done, Iteration::httpRate, "%,.0f"), done.stream().mapToLong(Iteration::retries503).sum(),
          done.stream().mapToLong(Iteration::failed).sum());
      out.printf("MQTT QoS 1: %,.0f positions/s, the median (%s; PUBACKs over %d connections; %d dropped connections)%n",
          Iteration.median(done, Iteration::mqttRate), Iteration.list(done, Iteration::mqttRate, "%,.0f"), trackers,
          done.stream().mapToLong(Iteration::droppedConnections).sum());
      out.printf("detectors : %,.0f of %d fixes judged by %d shipment monitors; alerts raised: %s; cargo outbox rows left: %s%n",
          detectors.judged(), judgedBefore, keys.size(), alerts(db), outbox < 0 ? "no outbox" : String.valueOf(outbox));
      out.printf("COPY      : %,.0f rows/s, the median (%s; %d rows each, one COPY + commit per 500 rows, into %s)%n",
          Iteration.median(done, Iteration::copyRate), Iteration.list(done, Iteration::copyRate, "%,.0f"), 2 * positions,
          settle ? "a table LIKE positions, partitioned like it, with its primary key and indexes, holding the rows"
              + " positions held before the iteration's OsmAnd phase" : "a plain table LIKE positions with its primary key and indexes");
      if (emptyCopy != null) {
        out.println(emptyCopy);
      }
      out.printf("ceiling   : the same load against a bare server (answers at once, stores nothing): OsmAnd %,.0f positions/s,"
          + " MQTT %,.0f positions/s%n", ceiling.osmandRate(), ceiling.mqttRate());
      out.println("            OsmAnd " + ceiling.osmandCpu());
      out.println("            MQTT   " + ceiling.mqttCpu());
      double copyRate = median.copyRate();
      out.printf("ratio     : OsmAnd/COPY %.2f, MQTT/COPY %.2f (goal >= 0.50), the medians of each iteration's ratios"
          + " (OsmAnd %s, MQTT %s); ceiling OsmAnd/COPY %.2f, MQTT/COPY %.2f and node/ceiling OsmAnd %.2f, MQTT %.2f"
          + " against the median iteration's COPY%n", Iteration.median(done, Iteration::osmandRatio),
          Iteration.median(done, Iteration::mqttRatio), Iteration.list(done, Iteration::osmandRatio, "%.2f"),
          Iteration.list(done, Iteration::mqttRatio, "%.2f"), ceiling.osmandRate() / copyRate,
          ceiling.mqttRate() / copyRate, median.httpRate() / ceiling.osmandRate(), median.mqttRate() / ceiling.mqttRate());
      out.printf("CPU bound : all CPU per position (JVM and PostgreSQL), the median OsmAnd iteration: COPY %.0f µs, OsmAnd %.0f,"
          + " MQTT %.0f, bare OsmAnd %.0f, bare MQTT %.0f; COPY µs ÷ path µs (the ratio on cores kept busy): OsmAnd %.2f,"
          + " MQTT %.2f, ceiling OsmAnd %.2f, MQTT %.2f%n", median.copyMicros(), median.osmandMicros(), median.mqttMicros(),
          ceiling.osmandMicros(), ceiling.mqttMicros(), median.copyMicros() / median.osmandMicros(),
          median.copyMicros() / median.mqttMicros(), median.copyMicros() / ceiling.osmandMicros(),
          median.copyMicros() / ceiling.mqttMicros());
      out.printf("commits   : %s%n", commits(node.httpPort()));
      boolean ok = storedOsm == expected && storedMqtt == expected && copied == 2 * expected && same == 2 * expected
          && done.stream().allMatch(i -> i.failed() == 0) && detectors.judged() == judgedBefore && outbox <= 0;
      out.printf("verify    : positions OsmAnd %d, MQTT %d of %d each; COPY %d, same rows %d of %d: %s%n", storedOsm,
          storedMqtt, expected, copied, same, 2 * expected, ok ? "OK" : "MISMATCH");
      return ok ? 0 : 1;
    } finally {
      if (db != null) {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
          st.execute("DROP TABLE IF EXISTS " + scratch);
        } catch (SQLException e) {
          out.println("warning: could not drop " + scratch + ": " + e.getMessage());
        }
      }
      if (osmand != null) {
        osmand.close();
      }
      if (node != null) {
        node.close();
      }
      if (postgres != null) {
        postgres.close();
      }
      if (dataDir != null) {
        IngestBench.deleteTree(dataDir);
      }
    }
  }

  /**
   * The tracker group of warm-up round {@code round} (at most 9) for a timed group, as long as its
   * name ({@code osm} → {@code wo0}, {@code mqtt} → {@code wmq0}), so warm-up requests are as long as
   * timed ones. Netty searches a request for its line ends eight bytes at a time and the rest byte by
   * byte; with longer warm-up names, every warm-up request left a remainder the timed ones did not,
   * and the compiled header parser hit its first multiple of eight inside the timed phase
   * (an uncommon trap: deoptimised, then recompiled while timed; docs/benchmarks.md).
   */
  static String warmGroup(String timed, int round) {
    return "w" + timed.substring(0, timed.length() - 2) + round;
  }

  /**
   * The tracker group of timed iteration {@code iteration} (at most 9) of a path: the path's own name
   * for the first ({@code osm}, {@code mqtt}), then as long with the iteration's digit last
   * ({@code os1}, {@code mqt1}), so every iteration's requests are as long as the warm-up's.
   */
  static String timedGroup(String path, int iteration) {
    return iteration == 0 ? path : path.substring(0, path.length() - 1) + iteration;
  }

  /** A condition on {@code column} matching the trackers of every timed iteration of {@code path}. */
  private String timedRows(String column, String path, String run) {
    List<String> any = new ArrayList<>();
    for (int k = 0; k < iterations; k++) {
      any.add(column + " LIKE 'bench-" + timedGroup(path, k) + "-" + run + "-%'");
    }
    return "(" + String.join(" OR ", any) + ")";
  }

  /**
   * The untimed warm-up: JIT, pools, buffers, connections and the monitors' first fixes on both
   * paths. One round is as many positions as a timed phase on each path, from trackers (and
   * shipments) of the round's own, so each round also takes the branches the timed phase takes
   * first: trackers new to the node, the previous round's MQTT clients gone, {@code /metrics}
   * polled. Rounds go on until one compiled for less than 2 % of its time, at most
   * {@code --warm-up-rounds}: with two cores HotSpot's one C2 thread falls behind during the first
   * round, raises its thresholds with its queue and drops what waited when the load paused, so a
   * single round left C2 compiling the request path inside the timed phase (docs/benchmarks.md).
   * Returns how many fixes the monitors judged in the warm-up; {@code firstRound} gets the first
   * round's OsmAnd and MQTT workloads (the ceiling phase warms up on them).
   */
  private long warmUp(OsmAndSender osmand, Detectors detectors, Map<String, String> keys, String run, int warmTrackers,
      int warmPositions, Instant end, int mqttPort, TrackingWorkload[] firstRound) throws Exception {
    var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    long judged = 0;
    for (int r = 0; r < warmUpRounds; r++) {
      TrackingWorkload warmOsm = TrackingWorkload.generate("bench-" + warmGroup("osm", r) + "-" + run, keys, warmTrackers,
          warmPositions, 500, end);
      TrackingWorkload warmMqtt = TrackingWorkload.generate("bench-" + warmGroup("mqtt", r) + "-" + run, keys, warmTrackers,
          warmPositions, 500, end);
      if (r == 0) {
        firstRound[0] = warmOsm;
        firstRound[1] = warmMqtt;
      }
      osmand.prepare(warmOsm.requests());
      long compiledBefore = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      osmand.run(warmOsm.requests(), concurrency);
      new MqttLoad(loadNative).run(mqttPort, keys, byTracker(warmMqtt), window);
      judged += 2L * warmPositions;
      detectors.await(judged);
      long millis = (System.nanoTime() - start) / 1_000_000;
      long compiled = jit.getTotalCompilationTime() - compiledBefore;
      out.printf("warm-up round %d: %d positions per path in %d ms, the JIT compiled for %d ms%n", r + 1, warmPositions,
          millis, compiled);
      if (compiled < millis / 50) {
        break;
      }
    }
    return judged;
  }

  /**
   * The ceiling phase: the same OsmAnd requests and MQTT payloads, same connections and window,
   * against {@link BareIntake} in this JVM while the node idles, so what the intake protocols allow
   * on this machine stands beside what the node reached.
   */
  private BareIntake.Ceiling ceiling(TrackingWorkload warmOsm, TrackingWorkload osm, Map<String, String> keys,
      TrackingWorkload warmMqtt, TrackingWorkload mqtt, CpuMeter cpu) throws Exception {
    try (BareIntake bare = ceilingInProcess ? BareIntake.start() : BareIntake.startProcess();
        OsmAndSender sender = httpClient.equals("raw") ? new OsmAndLoad(bare.httpPort()) : new OsmAndClientLoad(bare.httpPort())) {
      out.println("ceiling phase (bare intake " + (ceilingInProcess ? "in this JVM" : "in its own JVM")
          + ", untimed warm-up first) from " + Instant.now() + ", load average " + CpuMeter.loadAverage());
      return bare.measure(sender, warmOsm.requests(), osm.requests(), keys, byTracker(warmMqtt), byTracker(mqtt), concurrency,
          window, cpu);
    }
  }

  /** Group commits of the positions writer, from the node's /metrics. */
  private static String commits(int httpPort) {
    try {
      String metrics = new NodeMetrics(httpPort).scrape();
      double groups = NodeMetrics.metric(metrics, "corridor_positions_group_commit_seconds_count");
      double seconds = NodeMetrics.metric(metrics, "corridor_positions_group_commit_seconds_sum");
      double rows = NodeMetrics.metric(metrics, "corridor_positions_committed_total");
      return String.format(java.util.Locale.ROOT, "%.0f group commits, %.1f positions and %.1f ms each on average",
          groups, rows / groups, 1000 * seconds / groups);
    } catch (Exception e) {
      return "unavailable (" + e + ")";
    }
  }

  private static List<String> ids(Map<String, String> keys, String group, String run) {
    return keys.keySet().stream().filter(id -> id.startsWith("bench-" + group + "-" + run + "-")).toList();
  }

  /**
   * Positions and reads left in the cargo outbox (written beside every stored position once the
   * cargo outbox is part of the node), after waiting up to 30 s for the node to delete the judged ones; -1 when the
   * schema has no such table.
   */
  private static long outboxLeft(DataSource db) throws Exception {
    if (count(db, "SELECT count(*) FROM pg_class WHERE relname = 'cargo_outbox' AND relkind IN ('r', 'p')") == 0) {
      return -1;
    }
    // since V33 a committed group of positions has one row listing them, truck reads a row each
    String sql = count(db, "SELECT count(*) FROM pg_class WHERE relname = 'cargo_outbox_groups'") == 0
        ? "SELECT count(*) FROM cargo_outbox"
        : "SELECT (SELECT count(*) FROM cargo_outbox) + (SELECT coalesce(sum(cardinality(event_ids)), 0) FROM cargo_outbox_groups)";
    long left = count(db, sql);
    for (int i = 0; i < 300 && left > 0; i++) {
      Thread.sleep(100);
      left = count(db, sql);
    }
    return left;
  }

  /** Cargo alerts by kind; none when the detectors judge the bench's well-behaved journeys right. */
  private static String alerts(DataSource db) throws SQLException {
    try (Connection c = db.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT kind, count(*) FROM cargo_alerts GROUP BY kind ORDER BY kind")) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(b.isEmpty() ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getLong(2));
      }
      return b.isEmpty() ? "none" : b.toString();
    }
  }

  private static Map<String, List<byte[]>> byTracker(TrackingWorkload w) {
    Map<String, List<byte[]>> byTracker = new LinkedHashMap<>();
    for (int i = 0; i < w.deviceIds().size(); i++) {
      byTracker.computeIfAbsent(w.deviceIds().get(i), k -> new java.util.ArrayList<>()).add(w.payloads().get(i));
    }
    return byTracker;
  }

  /** What every timed iteration measures with, and the iteration itself. */
  private final class Phases {
    private final DataSource db;
    private final CpuMeter cpu;
    private final PgActivity pg;
    private final JudgingMeter judging;
    private final Detectors detectors;
    private final OsmAndSender osmand;
    private final int mqttPort;
    private final Map<String, String> keys;
    private final String scratch;

    Phases(DataSource db, CpuMeter cpu, PgActivity pg, JudgingMeter judging, Detectors detectors, OsmAndSender osmand,
        int mqttPort, Map<String, String> keys, String scratch) {
      this.db = db;
      this.cpu = cpu;
      this.pg = pg;
      this.judging = judging;
      this.detectors = detectors;
      this.osmand = osmand;
      this.mqttPort = mqttPort;
      this.keys = keys;
      this.scratch = scratch;
    }

    /**
     * The OsmAnd phase, the MQTT phase and the COPY of both workloads' rows into the scratch table,
     * each from a settled database ({@link #checkpoint}); {@code judgedBefore} fixes were judged
     * before it. Prints each phase as it is measured.
     */
    Iteration run(TrackingWorkload osm, TrackingWorkload mqtt, long judgedBefore) throws Exception {
      checkpoint(db);
      PgActivity.Sample p0 = pg.sample();
      JudgingMeter.Sample j0 = judging.sample();
      CpuMeter.Sample s0 = cpu.sample();
      out.println("timed OsmAnd phase from " + Instant.now() + ", load average " + CpuMeter.loadAverage());
      OsmAndLoad.Result http = osmand.run(osm.requests(), concurrency);
      CpuMeter.Sample s1 = cpu.sample();
      long httpDrain = detectors.await(judgedBefore + positions);
      JudgingMeter.Sample j1 = judging.sample();
      PgActivity.Sample p1 = pg.sample();
      checkpoint(db);
      PgActivity.Sample p2 = pg.sample();
      JudgingMeter.Sample j2 = judging.sample();
      out.println("timed MQTT phase (after connecting) from " + Instant.now() + ", load average " + CpuMeter.loadAverage());
      MqttLoad.Result broker = new MqttLoad(loadNative).run(mqttPort, keys, byTracker(mqtt), window, cpu);
      long mqttDrain = detectors.await(judgedBefore + 2L * positions);
      JudgingMeter.Sample j3 = judging.sample();
      PgActivity.Sample p3 = pg.sample();
      checkpoint(db);
      PgActivity.Sample p4 = pg.sample();
      CpuMeter.Sample s4 = cpu.sample();
      out.println("timed COPY phase from " + Instant.now() + ", load average " + CpuMeter.loadAverage());
      long copyNanos = copy(db, scratch, osm.copyBatches()) + copy(db, scratch, mqtt.copyBatches());
      CpuMeter.Sample s5 = cpu.sample();
      PgActivity.Sample p5 = pg.sample();

      double httpRate = http.acknowledged() / (http.elapsedNanos() / 1e9);
      double mqttRate = broker.acknowledged() / (broker.elapsedNanos() / 1e9);
      double copyRate = 2.0 * positions / (copyNanos / 1e9);
      out.printf("OsmAnd    : %,.0f positions/s (%d in %.2f s, one fix per HTTP request; %d retried 503s, %d failed)%n",
          httpRate, http.acknowledged(), http.elapsedNanos() / 1e9, http.retries503(), http.failed());
      out.println("            " + cpu.describe(s0, s1, positions));
      out.println("            " + PgActivity.describe(p0, p1, positions));
      out.println("            " + JudgingMeter.describe(j0, j1, positions));
      if (http.failureSample() != null) {
        out.println("            e.g. " + http.failureSample());
      }
      out.printf("MQTT QoS 1: %,.0f positions/s (%d PUBACKs in %.2f s over %d connections; %d dropped connections)%n",
          mqttRate, broker.acknowledged(), broker.elapsedNanos() / 1e9, trackers, broker.failedClients());
      out.println("            " + cpu.describe(broker.start(), broker.end(), positions));
      out.println("            " + PgActivity.describe(p2, p3, positions));
      out.println("            " + JudgingMeter.describe(j2, j3, positions) + " (from before connecting)");
      out.printf("judging   : ended %.2f s after the last OsmAnd answer, %.2f s after the last PUBACK%n", httpDrain / 1e9,
          mqttDrain / 1e9);
      out.printf("COPY      : %,.0f rows/s (%d rows, one COPY + commit per 500 rows)%n", copyRate, 2 * positions);
      out.println("            " + cpu.describe(s4, s5, 2L * positions));
      out.println("            " + PgActivity.describe(p4, p5, 2L * positions));
      out.printf("ratio     : OsmAnd/COPY %.2f, MQTT/COPY %.2f in this iteration%n", httpRate / copyRate, mqttRate / copyRate);
      return new Iteration(httpRate, mqttRate, copyRate, CpuMeter.totalMicros(s0, s1, positions),
          CpuMeter.totalMicros(broker.start(), broker.end(), positions), CpuMeter.totalMicros(s4, s5, 2L * positions),
          http.retries503(), http.failed(), broker.failedClients());
    }
  }

  private static Settings settings(String dbUrl, int osmandPort, int mqttPort, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(TestKeys.settings());
    values.put("db.url", dbUrl);
    values.put("cluster.name", "corridor-bench-" + UUID.randomUUID());
    values.put("http.port", "0");
    values.put("tracking.osmand.port", String.valueOf(osmandPort));
    values.put("mqtt.port", String.valueOf(mqttPort));
    values.put("anpr.engine", "none");
    values.putAll(overrides);
    return Settings.of(values);
  }

  private static long copy(DataSource db, String table, List<byte[]> batches) throws Exception {
    long start = System.nanoTime();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      PGConnection pg = c.unwrap(PGConnection.class);
      String sql = "COPY " + table + " (" + PositionRows.COLUMNS + ") FROM STDIN (FORMAT binary)";
      for (byte[] batch : batches) {
        BinaryCopy.copyIn(pg, sql, batch); // as the node's positions writer sends its groups
        c.commit();
      }
    }
    return System.nanoTime() - start;
  }

  /**
   * Before each timed phase: with {@code --settle on} (the default) the cargo outbox drained, then
   * {@code VACUUM (ANALYZE)} of what the phases write ({@link PhaseState#settle}), then a
   * {@code CHECKPOINT}, so every timed phase, COPY included, starts with nothing left for
   * autovacuum or analyze to do from earlier phases and no WAL of them to checkpoint; with
   * {@code --settle off} the checkpoint only, as measured before.
   */
  private void checkpoint(DataSource db) {
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      if (settle) {
        out.println(PhaseState.settle(db, st));
      }
      st.execute("CHECKPOINT");
    } catch (SQLException e) {
      out.println("note: CHECKPOINT not allowed (" + e.getMessage() + ")");
    }
  }

  private static long count(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
