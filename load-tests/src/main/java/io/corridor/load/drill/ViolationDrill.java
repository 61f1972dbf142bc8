package io.corridor.load.drill;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.corridor.api.ApiOptions;
import io.corridor.api.Tokens;
import io.corridor.config.Settings;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.PrivacyOptions;
import io.corridor.testkit.TestKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The drill's enforcement load: a spot-speed site and a two-camera average-speed section put in
 * force through the operator API, offending and innocent plates whose violations are known in
 * advance, and the count of what the cluster stored per expected offence through
 * {@code GET /v1/violations} (officer token). The journeys' pairing state lives in Hazelcast; a
 * Hazelcast client tells which member owns each plate's partition, so the drill can SIGKILL exactly
 * that process between entry and exit.
 */
final class ViolationDrill {

  static final String SPOT = "cam-drill-spot";
  static final String ENTRY = "cam-drill-entry";
  static final String EXIT = "cam-drill-exit";
  static final String SECTION_RULE = "section-drill";
  static final String SPEED_RULE = "speed-drill";
  private static final String KEY = "drill-enforcement-camera-key";
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** What one phase sent ({@code sentIn}) and expects: per kind, offending plates and innocent ones. */
  record Expectation(String sentIn, String kind, List<String> offending, List<String> innocent) {}

  /**
   * One kind's count.
   *
   * @param lost expected offences with no violation
   * @param doubled offences with more than one violation (different ids), or a violation of an innocent plate
   */
  record Count(String phase, String sentIn, String kind, int expected, int found, int lost, int doubled) {
    boolean ok() {
      return lost == 0 && doubled == 0;
    }
  }

  private final PrintStream out;
  private final Vertx vertx = Vertx.vertx();
  private final PlateProtector protector = new PrivacyOptions(Settings.of(TestKeys.settings())).protector();
  private final String operator;
  private final String officer;
  private final List<Count> counts = new ArrayList<>();
  private int plateSerial;

  ViolationDrill(PrintStream out) {
    this.out = out;
    Tokens tokens = new Tokens(vertx, new ApiOptions(Settings.of(TestKeys.settings())));
    operator = tokens.mint("drill-operator", Role.OPERATOR, Duration.ofHours(2));
    officer = tokens.mint("drill-officer", Role.OFFICER, Duration.ofHours(2));
  }

  /** Registers the three enforcement cameras and puts their sites and rules in force on every node. */
  void seed(DataSource dataSource, List<URI> nodes) throws Exception {
    DeviceRepository devices = new DeviceRepository(dataSource);
    devices.register(SPOT, "camera", KEY, "drill spot-speed camera", 42.60, 21.10);
    devices.register(ENTRY, "camera", KEY, "drill section entry", 42.61, 21.11);
    devices.register(EXIT, "camera", KEY, "drill section exit", 42.62, 21.12);
    URI first = nodes.getFirst();
    site(first, "drill-spot", SPOT, "radar");
    site(first, "drill-entry", ENTRY, "section");
    site(first, "drill-exit", EXIT, "section");
    call(first, "PUT", "/v1/rules/" + SPEED_RULE, operator, """
        id: %s
        type: spot-speed
        sites: [drill-spot]
        tolerances: [{country: XK, bands: [{below: 100, kmh: 3}, {percent: 3}]}]
        """.formatted(SPEED_RULE));
    call(first, "PUT", "/v1/rules/" + SECTION_RULE, operator, """
        id: %s
        type: section-speed
        window: 5m
        clockSkew: 1s
        tolerance: {bands: [{below: 100, kmh: 3}, {percent: 3}]}
        sections:
          - {id: DRILL-1, entry: %s, exit: %s, distanceMeters: 2000, limits: {car: 100}}
        """.formatted(SECTION_RULE, ENTRY, EXIT));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (URI node : nodes) {
      while (!(inForce(node, SPEED_RULE) && inForce(node, SECTION_RULE))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("drill rules not in force on " + node + " within 30 s");
        }
        Thread.sleep(250);
      }
    }
    Thread.sleep(1500); // every node reloads its device registry each second
  }

  private void site(URI node, String id, String device, String measurement) throws Exception {
    call(node, "PUT", "/v1/sites/" + id, operator, """
        {"device": "%s", "name": "%s", "country": "XK", "timezone": "Europe/Belgrade", "lanes": 3,
         "limits": {"car": 100}, "measurement": "%s",
         "calibration": {"certificate": "DRILL-%s", "validUntil": "2099-12-31"}, "purpose": "enforcement"}"""
        .formatted(device, id, measurement, id));
  }

  private boolean inForce(URI node, String rule) {
    try {
      return call(node, "GET", "/v1/rules/" + rule, operator, null).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /** A fresh plate of the drill's own series (never one the plate-read load uses). */
  String plate() {
    plateSerial++;
    return "07V" + (1000 + plateSerial) + (char) ('A' + plateSerial % 26);
  }

  /** The Hazelcast key of a plate's pairing state (as the section rule writes it). */
  String journeyKey(String plate) {
    return SECTION_RULE + "|" + HexFormat.of().formatHex(protector.hash(plate));
  }

  /** A client of the drill's cluster (members on {@code ports}), to ask who owns a key. */
  static HazelcastInstance client(String clusterName, List<Integer> ports) {
    ClientConfig config = new ClientConfig().setClusterName(clusterName);
    config.setProperty("hazelcast.logging.type", "none");
    ports.forEach(p -> config.getNetworkConfig().addAddress("127.0.0.1:" + p));
    config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
    return HazelcastClient.newHazelcastClient(config);
  }

  /** The process id of whatever listens on {@code port} (the member's Hazelcast port), or -1. */
  static long pidListeningOn(int port) {
    try {
      Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port).redirectErrorStream(true).start();
      String text = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      ss.waitFor();
      Matcher m = PID.matcher(text);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  /** The member owning {@code key}'s partition. */
  static Member owner(HazelcastInstance client, String key) {
    return client.getPartitionService().getPartition(key).getOwner();
  }

  /** Posts one read (retrying the same id on the other nodes like the edge); its event id once acknowledged. */
  String read(List<URI> order, String camera, String plate, Instant at, double speed) throws Exception {
    JsonObject read = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("deviceId", camera)
        .put("eventTime", at.truncatedTo(ChronoUnit.MILLIS).toString()).put("plate", plate).put("country", "XK")
        .put("confidence", 0.95).put("lane", 1).put("speedKmh", speed);
    byte[] body = new JsonObject().put("reads", new JsonArray().add(read)).encode().getBytes(StandardCharsets.UTF_8);
    for (int attempt = 0; attempt < 60; attempt++) {
      URI node = order.get(attempt % order.size());
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(node.resolve("/v1/reads")).timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json").header("X-Device-Id", camera).header("X-Device-Key", KEY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return read.getString("eventId");
        }
        if (r.statusCode() != 503) {
          throw new IllegalStateException("read " + plate + " at " + camera + " refused " + r.statusCode() + " " + r.body());
        }
      } catch (IOException e) {
        // that node is down: the next one
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("read " + plate + " at " + camera + " not accepted after 60 attempts");
  }

  /**
   * Waits (up to {@code timeout}) until every expected offence has a violation, lets late doubles
   * surface for a few seconds more, then counts each kind, prints it and keeps it for the summary.
   */
  List<Count> check(String phase, URI node, List<Expectation> expectations, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && !allFound(node, expectations)) {
      Thread.sleep(1000);
    }
    Thread.sleep(5000);
    List<Count> result = new ArrayList<>();
    for (Expectation e : expectations) {
      result.add(count(phase, e, idsByPlate(node, e.kind())));
    }
    counts.addAll(result);
    print(out, result);
    return result;
  }

  /**
   * Counts one expectation against the stored violations of its kind ({@code ids}: plate to
   * distinct violation ids): an offence without a violation is lost; one with two ids, or an
   * innocent plate with any, is doubled.
   */
  static Count count(String phase, Expectation e, Map<String, Set<String>> ids) {
    int found = (int) e.offending().stream().filter(p -> !ids.getOrDefault(p, Set.of()).isEmpty()).count();
    int doubled = (int) e.offending().stream().filter(p -> ids.getOrDefault(p, Set.of()).size() > 1).count()
        + (int) e.innocent().stream().filter(p -> !ids.getOrDefault(p, Set.of()).isEmpty()).count();
    return new Count(phase, e.sentIn(), e.kind(), e.offending().size(), found, e.offending().size() - found, doubled);
  }

  private boolean allFound(URI node, List<Expectation> expectations) {
    try {
      for (Expectation e : expectations) {
        Map<String, Set<String>> ids = idsByPlate(node, e.kind());
        if (!e.offending().stream().allMatch(ids::containsKey)) {
          return false;
        }
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** Every stored violation of {@code kind}, all pages: plate to the distinct violation ids. */
  private Map<String, Set<String>> idsByPlate(URI node, String kind) throws Exception {
    Map<String, Set<String>> result = new LinkedHashMap<>();
    String after = null;
    do {
      String path = "/v1/violations?kind=" + kind + "&limit=100" + (after == null ? "" : "&after=" + after);
      HttpResponse<String> r = call(node, "GET", path, officer, null);
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + " " + r.body());
      }
      JsonObject page = new JsonObject(r.body());
      for (Object o : page.getJsonArray("violations")) {
        JsonObject v = (JsonObject) o;
        result.computeIfAbsent(v.getString("plate"), p -> new java.util.TreeSet<>()).add(v.getString("id"));
      }
      after = page.getString("next");
    } while (after != null);
    return result;
  }

  private HttpResponse<String> call(URI node, String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + token);
    HttpResponse<String> r = HTTP.send(body == null ? b.GET().build()
        : b.method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (body != null && r.statusCode() != 200) {
      throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + " " + r.body());
    }
    return r;
  }

  /** How many of {@code eventIds} the rules outbox still holds unevaluated (leased or not). */
  static int pendingInOutbox(DataSource dataSource, List<String> eventIds) throws java.sql.SQLException {
    try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
        "SELECT count(*) FROM rules_outbox WHERE event_id = ANY (?::uuid[]) AND done_at IS NULL")) {
      ps.setArray(1, c.createArrayOf("text", eventIds.toArray()));
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  List<Count> counts() {
    return counts;
  }

  static void print(PrintStream out, List<Count> rows) {
    out.printf("  %-40s %-12s %-14s %8s %6s %5s %8s%n", "violations after phase", "offences of", "kind", "expected",
        "found", "lost", "doubled");
    for (Count c : rows) {
      out.printf("  %-40.40s %-12s %-14s %8d %6d %5d %8d %s%n", c.phase(), c.sentIn(), c.kind(), c.expected(), c.found(),
          c.lost(), c.doubled(), c.ok() ? "OK" : "FAIL");
    }
  }

  void close() {
    vertx.close();
  }
}
