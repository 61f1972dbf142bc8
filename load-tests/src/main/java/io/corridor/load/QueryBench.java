package io.corridor.load;

import io.corridor.api.queries.ReadQueries;
import io.corridor.config.Settings;
import io.corridor.node.CorridorNode;
import io.corridor.platform.auth.Role;
import io.corridor.storage.EmbeddedPostgresServer;
import io.corridor.testkit.TestKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * {@code bench queries}: loads synthetic reads over {@code days} daily partitions into a real
 * node's database, then times the analysts' queries one at a time over HTTP, each the whole path
 * (token, warrant check, SQL, decryption, audit row committed, answer). With {@code --reuse} it
 * loads nothing and times against the reads an earlier run left in {@code --data-dir} or
 * {@code --db-url}. Returns 0 when every timed query was answered 200, 1 otherwise.
 */
public final class QueryBench {

  static final int SCOPE_PLATES = 1000;

  private final QueryBenchOptions options;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private CorridorNode node;
  private String analystToken;
  private QueryBreakdown breakdown;
  private RawHttpClient raw;

  /** A bench with {@code options} printing to {@code out}. */
  public QueryBench(QueryBenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs; returns the exit code. */
  public int run() throws Exception {
    EmbeddedPostgresServer postgres = null;
    Path temporary = null;
    try {
      String dbUrl = options.dbUrl();
      if (dbUrl == null) {
        Path dataDir = options.dataDir() != null ? Path.of(options.dataDir())
            : (temporary = Files.createTempDirectory("corridor-bench-queries-pg-"));
        out.println("starting embedded PostgreSQL in " + dataDir + " ...");
        postgres = EmbeddedPostgresServer.start(dataDir, Path.of(System.getProperty("java.io.tmpdir"), "corridor-pg-bin"),
            0, false);
        dbUrl = postgres.jdbcUrl();
      }
      LoadedReads loaded;
      double loadSeconds = 0;
      if (options.reuse()) {
        node = CorridorNode.start(settings(dbUrl));
        loaded = LoadedReads.check(node.database().dataSource(), out);
      } else {
        if (postgres != null) {
          BenchServerSettings.forLoad(postgres, out);
        }
        node = CorridorNode.start(settings(dbUrl));
        Instant loadedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        out.printf("loading %,d reads: %,d plates read once a day at %d cameras over %d days ...%n", options.rows(),
            options.plates(), options.cameras(), options.days());
        long started = System.nanoTime();
        long rows = SyntheticReads.load(node.database().dataSource(), node.protector(), options, loadedAt, out);
        loadSeconds = (System.nanoTime() - started) / 1e9;
        loaded = new LoadedReads(loadedAt, rows, options.plates(), options.cameras(), options.days());
        loaded.record(node.database().dataSource());
        if (postgres != null) {
          node.close();
          node = null;
          BenchServerSettings.afterLoad(postgres, out);
          node = CorridorNode.start(settings(dbUrl));
        }
      }
      DataSource db = node.database().dataSource();
      Instant now = loaded.loadedAt();
      long rows = loaded.rows();
      int plates = loaded.plates();
      int days = loaded.days();
      int cameraCount = loaded.cameras();

      Random random = new Random(42);
      int[] scope = random.ints(SCOPE_PLATES, 0, plates).toArray();
      String warrant = warrant(now, scope, cameraCount, days);
      Instant from = now.minus(Duration.ofDays(days));
      Instant to = now.plusSeconds(1);
      Instant week = now.minus(Duration.ofDays(7));
      IntFunction<JsonObject> fullHistory = i -> body(warrant, from, to).put("plate", SyntheticReads.plate(scope[i % SCOPE_PLATES]));
      IntFunction<JsonObject> weekHistory = i -> body(warrant, week, to).put("plate", SyntheticReads.plate(scope[i % SCOPE_PLATES]));
      IntFunction<JsonObject> passes = i -> {
        Instant hourEnd = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * Math.max(1, days - 1))));
        return body(warrant, hourEnd.minus(Duration.ofHours(1)), hourEnd)
            .put("cameras", new JsonArray().add(SyntheticReads.camera(random.nextInt(cameraCount))));
      };
      IntFunction<JsonObject> convoy = i -> body(warrant, week, to).put("plate", SyntheticReads.plate(scope[i % SCOPE_PLATES]))
          .put("deltaSeconds", 60).put("minCameras", 2);

      out.println("timing queries (one at a time, after a warm-up of 200 each) ...");
      GcPauses.sinceLast();
      breakdown = new QueryBreakdown(node, options);
      Timing firstTouch = breakdown.firstTouch(new ReadQueries(db), scope, from, to);
      Timing[] clients = time(new String[] {"  same 90-day, JDK HttpClient", "  same 90-day, raw socket"}, "plate-history",
          fullHistory, options.queries(), this::postJdk, this::post);
      Timing[] timings = {firstTouch,
          time("plate-history, " + days + "-day window", "plate-history", fullHistory, options.queries()),
          time("plate-history, 7-day window", "plate-history", weekHistory, options.queries()),
          time("passes, 1 camera, 1 hour", "passes", passes, options.queries()),
          time("convoy, 7 days, dt 60 s, k 2", "convoy", convoy, Math.max(1, options.queries() / 10)),
          clients[0], clients[1],
          breakdown.sqlOnly("plate-history SQL alone (JDBC)", new ReadQueries(db), scope, from, to),
          breakdown.planModes(db, scope, from, to, "auto"), breakdown.planModes(db, scope, from, to, "force_custom_plan"),
          breakdown.auditAppend(db), breakdown.serviceAlone(db, warrant, fullHistory)};
      report(db, loaded, loadSeconds, timings);
      int failed = 0;
      for (Timing t : timings) {
        failed += t.failed();
      }
      return failed == 0 ? 0 : 1;
    } finally {
      if (raw != null) {
        raw.close();
      }
      if (node != null) {
        node.close();
      }
      if (postgres != null) {
        postgres.close();
      }
      if (temporary != null) {
        try (var paths = Files.walk(temporary)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private Settings settings(String dbUrl) {
    Map<String, String> values = new HashMap<>(TestKeys.settings());
    values.put("db.url", dbUrl);
    values.put("cluster.name", "corridor-bench-" + UUID.randomUUID());
    values.put("http.port", "0");
    values.put("tracking.osmand.port", "0"); // free ports, so two benches (or a bench and a demo) can run side by side
    values.put("mqtt.port", "0");
    values.put("anpr.engine", "none");
    // Long enough that a database loaded on an earlier day keeps every partition it was loaded with.
    values.put("retention.plate-reads", (options.days() + 365) + "d");
    values.put("ingest.max-age", (options.days() + 1) + "d");
    values.put("retention.report-interval", "1h");
    return Settings.of(values);
  }

  /** An approved (twice: the window reaches past the open tier) warrant over every scope plate and camera. */
  private String warrant(Instant now, int[] scope, int cameraCount, int days) throws Exception {
    analystToken = node.tokens().mint("bench-analyst", Role.ANALYST, Duration.ofHours(12));
    JsonArray plates = new JsonArray();
    for (int i : scope) {
      plates.add(SyntheticReads.plate(i));
    }
    JsonArray cameras = new JsonArray();
    for (int n = 0; n < Math.min(cameraCount, 1000); n++) {
      cameras.add(SyntheticReads.camera(n));
    }
    JsonObject request = new JsonObject().put("caseId", "BENCH").put("legalBasis", "benchmark").put("purpose", "benchmark")
        .put("from", now.minus(Duration.ofDays(days + 1)).toString()).put("to", now.plusSeconds(60).toString())
        .put("expiresAt", Instant.now().plus(Duration.ofDays(1)).toString())
        .put("scope", new JsonObject().put("plates", plates).put("cameras", cameras));
    JsonObject w = new JsonObject(expect201(post("/v1/warrants", analystToken, request)));
    for (String approver : new String[] {"bench-approver-1", "bench-approver-2"}) {
      post("/v1/warrants/" + w.getString("id") + "/approve",
          node.tokens().mint(approver, Role.APPROVER, Duration.ofHours(1)), new JsonObject().put("note", "benchmark"));
    }
    return w.getString("id");
  }

  private static JsonObject body(String warrant, Instant from, Instant to) {
    return new JsonObject().put("warrantId", warrant).put("justification", "benchmark").put("from", from.toString())
        .put("to", to.toString()).put("limit", 100);
  }

  /** Latencies of one query kind. */
  record Timing(String name, LatencyRecorder.Summary latency, long items, int failed, String failure, String load,
      String gc) {

    /**
     * Latencies measured just now: the load average is the machine's at their end, the GCs those
     * since the previous figure was made (its warm-up included).
     */
    Timing(String name, LatencyRecorder.Summary latency, long items, int failed, String failure) {
      this(name, latency, items, failed, failure, LoadAverage.now(), GcPauses.sinceLast());
    }
  }

  private Timing time(String name, String kind, IntFunction<JsonObject> bodies, int count) throws Exception {
    return time(new String[] {name}, kind, bodies, count, this::post)[0];
  }

  /** Sends one request and returns its answer. */
  @FunctionalInterface
  interface Client {
    RawHttpClient.Answer post(String path, String token, JsonObject body) throws Exception;
  }

  /**
   * Times {@code count} queries with each of {@code clients} in turn (query i by every client
   * before query i+1, the first client alternating), so the clients meet the same machine load.
   */
  private Timing[] time(String[] names, String kind, IntFunction<JsonObject> bodies, int count, Client... clients)
      throws Exception {
    for (Client client : clients) {
      for (int i = 0; i < 200; i++) {
        client.post("/v1/queries/" + kind, analystToken, bodies.apply(i + 7));
      }
    }
    LatencyRecorder[] latencies = new LatencyRecorder[clients.length];
    long[] items = new long[clients.length];
    int[] failed = new int[clients.length];
    String[] failure = new String[clients.length];
    for (int k = 0; k < clients.length; k++) {
      latencies[k] = new LatencyRecorder(count);
    }
    for (int i = 0; i < count; i++) {
      JsonObject body = bodies.apply(i);
      for (int j = 0; j < clients.length; j++) {
        int k = (i + j) % clients.length;
        long t0 = System.nanoTime();
        RawHttpClient.Answer r = clients[k].post("/v1/queries/" + kind, analystToken, body);
        latencies[k].record(System.nanoTime() - t0);
        if (r.status() == 200) {
          items[k] += new JsonObject(r.body()).getJsonArray("items").size();
        } else {
          failed[k]++;
          failure[k] = r.status() + " " + r.body();
        }
      }
    }
    Timing[] timings = new Timing[clients.length];
    for (int k = 0; k < clients.length; k++) {
      timings[k] = new Timing(names[k], latencies[k].summary(), items[k], failed[k], failure[k]);
    }
    return timings;
  }

  /** The timed queries' client: one kept-alive socket, TCP_NODELAY, no thread hand-offs. */
  private RawHttpClient.Answer post(String path, String token, JsonObject body) throws Exception {
    if (raw == null) {
      raw = new RawHttpClient("127.0.0.1", node.httpPort());
    }
    return raw.post(path, token, body.encode());
  }

  /** The JDK's client, which earlier runs timed with: kept for comparison. */
  private RawHttpClient.Answer postJdk(String path, String token, JsonObject body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    return new RawHttpClient.Answer(r.statusCode(), r.body());
  }

  private static String expect201(RawHttpClient.Answer r) {
    if (r.status() != 201) {
      throw new IllegalStateException("warrant request refused: " + r.status() + " " + r.body());
    }
    return r.body();
  }

  private void report(DataSource db, LoadedReads loaded, double loadSeconds, Timing[] timings) throws SQLException {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    out.println();
    out.println("== bench queries ==");
    out.printf("machine   : %d cpus, %.1f GiB RAM, Java %s%n", Runtime.getRuntime().availableProcessors(),
        os.getTotalMemorySize() / (1024.0 * 1024 * 1024), Runtime.version());
    try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
        SELECT current_setting('server_version'), current_setting('shared_buffers'),
               (SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'plate_reads'),
               (SELECT pg_size_pretty(sum(pg_total_relation_size(i.inhrelid))) FROM pg_inherits i
                  JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'plate_reads')""")) {
      rs.next();
      out.printf("database  : PostgreSQL %s, shared_buffers=%s; plate_reads %d partitions, %s with indexes%n",
          rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4));
    }
    out.printf("data      : %,d reads, %,d plates, %d cameras, %d days ending %s; %s%n", loaded.rows(),
        loaded.plates(), loaded.cameras(), loaded.days(), loaded.loadedAt(),
        options.reuse() ? "loaded by an earlier run" : String.format("loaded and indexed in %.0f s", loadSeconds));
    out.println("load avg  : " + LoadAverage.now());
    out.println("latency per query over HTTP (one kept-alive socket, TCP_NODELAY, unless named), ms (limit 100 per page;"
        + " each answer waits for its audit commit):");
    for (Timing t : timings) {
      LatencyRecorder.Summary s = t.latency();
      out.printf("  %-34s p50 %6.1f  p90 %6.1f  p99 %6.1f  max %7.1f  (%d queries, %.1f items avg, %d failed; load %s; %s)%n",
          t.name(), s.p50() / 1e6, s.p90() / 1e6, s.p99() / 1e6, s.max() / 1e6, s.samples(),
          (double) t.items() / s.samples(), t.failed(), t.load().substring(0, t.load().indexOf(" (")), t.gc());
      if (t.failure() != null) {
        out.println("    e.g. " + t.failure());
      }
    }
    out.print("one plate-history statement as prepared with a generic plan, EXPLAIN ANALYZE (third run):\n"
        + breakdown.explained());
    LatencyRecorder.Summary history = timings[1].latency(); // [0] is the first touch
    out.printf("goal      : plate-history p99 < 20 ms: %s%n", history.p99() / 1e6 < 20 ? "met" : "NOT met");
  }
}
