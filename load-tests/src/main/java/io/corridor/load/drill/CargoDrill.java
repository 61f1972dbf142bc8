package io.corridor.load.drill;

import io.corridor.api.ApiOptions;
import io.corridor.api.Tokens;
import io.corridor.config.Settings;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.testkit.TestKeys;
import io.corridor.tracking.JourneyScript;
import io.corridor.tracking.shipments.Mrn;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The drill's cargo load: the Durrës–Prishtina journey (a fuel tanker and a medical shipment with
 * their scripted misbehaviour) declared and released, its fixes and truck plate reads sent in
 * slices during the drill's faults, as a gateway and cameras send them: each event to a preferred
 * node, and on a refused connection, a timeout or a 503 to the next one, again until one commits
 * it (same ids, so a retry is stored once). At the end the shipments arrive and their cargo alerts
 * are compared with the script's: exactly the expected ones, none lost, none doubled.
 */
final class CargoDrill {

  /**
   * The journey's outcome.
   *
   * @param lost expected alerts not raised
   * @param doubled alerts raised beyond the expected ones (a second of a kind, or an unexpected kind)
   * @param refused events a node answered other than 200 before one took them
   */
  record Count(int expected, int found, int lost, int doubled, int sent, int refused) {
    boolean ok() {
      return lost == 0 && doubled == 0;
    }
  }

  private static final String KEY = "drill-cargo-device-key";
  private static final String PENDING = "SELECT (SELECT count(*) FROM cargo_outbox)"
      + " + (SELECT coalesce(sum(cardinality(event_ids)), 0) FROM cargo_outbox_groups)";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final PrintStream out;
  private final Vertx vertx = Vertx.vertx();
  private final String customs;
  private final JourneyScript script;
  private final List<JourneyScript.Event> events;
  private final Map<String, String> shipmentIds = new HashMap<>();
  private int next;
  private int refused;
  private CompletableFuture<Void> background = CompletableFuture.completedFuture(null);

  CargoDrill(PrintStream out) {
    this.out = out;
    customs = new Tokens(vertx, new ApiOptions(Settings.of(TestKeys.settings())))
        .mint("drill-customs", Role.CUSTOMS, Duration.ofHours(2));
    JourneyScript draft = JourneyScript.durresPrishtina();
    Instant last = draft.shipments().stream().map(draft::end).max(Instant::compareTo).orElseThrow();
    // the journey ended five minutes ago: every fix is in the past, as a replayed buffer is
    script = draft.startingAt(Instant.now().minus(Duration.between(draft.start(), last)).minus(Duration.ofMinutes(5)));
    events = script.events();
  }

  /** Registers the journey's trackers and cameras, declares and releases its shipments. */
  void seed(DataSource dataSource, URI node) throws Exception {
    DeviceRepository devices = new DeviceRepository(dataSource);
    for (var camera : script.cameras().entrySet()) {
      devices.register(camera.getKey(), "camera", KEY, camera.getKey(), camera.getValue().lat(), camera.getValue().lon());
    }
    String run = Long.toString(System.currentTimeMillis() / 1000 % 100_000_000L, 36).toUpperCase();
    for (String name : script.shipments()) {
      devices.register(script.tracker(name), "tracker", KEY, "drill tracker " + name, null, null);
      String mrn = Mrn.withCheck("26AL" + (name.equals("tanker") ? "T" : "M") + String.format("%12s", run).replace(' ', '0'));
      HttpResponse<String> declared = call(node, "/v1/shipments", script.declaration(name).put("mrn", mrn).encode(), null);
      if (declared.statusCode() != 201) {
        throw new IllegalStateException("drill shipment " + name + " not declared: " + declared.body());
      }
      String id = new JsonObject(declared.body()).getString("id");
      shipmentIds.put(name, id);
      HttpResponse<String> released = call(node, "/v1/shipments/" + id + "/release", "{}", null);
      if (released.statusCode() != 200) {
        throw new IllegalStateException("drill shipment " + name + " not released: " + released.body());
      }
    }
    Thread.sleep(2500); // the nodes reload the devices every second
    out.println("cargo: " + script.shipments().size() + " shipments in transit, " + events.size() + " events to send");
  }

  /** Sends the events up to {@code fraction} of the journey, each to the first of {@code nodes} that commits it. */
  void send(List<URI> nodes, double fraction) throws Exception {
    int to = (int) Math.round(events.size() * fraction);
    for (; next < to; next++) {
      deliver(nodes, events.get(next));
    }
  }

  /** The same on a thread of its own (while a fault keeps every node from committing); {@link #await} joins it. */
  void sendInBackground(List<URI> nodes, double fraction) {
    background = CompletableFuture.runAsync(() -> {
      try {
        send(nodes, fraction);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Waits for {@link #sendInBackground}. */
  void await(Duration limit) throws Exception {
    background.get(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends what is left, lets the shipments arrive once every event is judged, and counts their alerts. */
  Count finish(List<URI> nodes, DataSource dataSource) throws Exception {
    send(nodes, 1.0);
    waitFor(() -> count(dataSource, PENDING) == 0, Duration.ofSeconds(120), "cargo outbox still holds unjudged events");
    Thread.sleep(3000); // judged events' alert rows are stored with their batch; let the last batch commit
    for (String id : shipmentIds.values()) {
      HttpResponse<String> arrived = call(nodes.getFirst(), "/v1/shipments/" + id + "/arrive", "{}", null);
      if (arrived.statusCode() != 200) {
        out.println("  cargo: arrival of " + id + " answered " + arrived.statusCode() + " " + arrived.body());
      }
    }
    Map<String, Integer> expected = new HashMap<>();
    script.expected().stream().map(JsonObject.class::cast)
        .forEach(x -> expected.merge(shipmentIds.get(x.getString("shipment")) + " " + x.getString("kind"), 1, Integer::sum));
    Map<String, Integer> found = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT shipment_id::text, kind FROM cargo_alerts WHERE shipment_id = ANY (?::uuid[])")) {
      ps.setArray(1, c.createArrayOf("text", shipmentIds.values().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.merge(rs.getString(1) + " " + rs.getString(2), 1, Integer::sum);
        }
      }
    }
    int lost = 0;
    int doubled = 0;
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      lost += Math.max(0, e.getValue() - found.getOrDefault(e.getKey(), 0));
    }
    for (Map.Entry<String, Integer> e : found.entrySet()) {
      doubled += Math.max(0, e.getValue() - expected.getOrDefault(e.getKey(), 0));
      if (e.getValue() > expected.getOrDefault(e.getKey(), 0)) {
        out.println("  cargo: more alerts than expected: " + e.getKey() + " x" + e.getValue());
      }
    }
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      if (found.getOrDefault(e.getKey(), 0) < e.getValue()) {
        out.println("  cargo: expected alert missing: " + e.getKey());
      }
    }
    return new Count(expected.values().stream().mapToInt(Integer::intValue).sum(),
        found.values().stream().mapToInt(Integer::intValue).sum(), lost, doubled, events.size(), refused);
  }

  /** Prints the journey's line. */
  static void print(PrintStream out, Count c) {
    out.printf("cargo journey: %d events sent (%d answers other than 200 before one node took them), alerts expected %d,"
        + " raised %d, lost %d, doubled %d: %s%n", c.sent(), c.refused(), c.expected(), c.found(), c.lost(), c.doubled(),
        c.ok() ? "ok" : "FAIL");
  }

  void close() {
    vertx.close();
  }

  private void deliver(List<URI> nodes, JourneyScript.Event e) throws Exception {
    String path;
    String body;
    String device;
    if (e instanceof JourneyScript.Fix f) {
      path = "/v1/positions";
      body = JourneyScript.positionJson(f.point()).encode();
      device = f.point().deviceId();
    } else {
      JourneyScript.Read r = (JourneyScript.Read) e;
      path = "/v1/reads";
      body = JourneyScript.readJson(r).encode();
      device = r.cameraId();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    for (int attempt = 0; ; attempt++) {
      URI node = nodes.get(attempt % nodes.size());
      try {
        HttpResponse<String> answer = call(node, path, body, device);
        if (answer.statusCode() == 200) {
          return;
        }
        if (answer.statusCode() != 503) {
          throw new IllegalStateException(path + " refused " + body + ": " + answer.statusCode() + " " + answer.body());
        }
      } catch (java.io.IOException transport) {
        // the node is down or frozen (a refused connection, a timeout): the next one
      }
      refused++;
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no node took " + path + " " + body + " within 180 s");
      }
      if ((attempt + 1) % nodes.size() == 0) {
        Thread.sleep(250); // every node refused: wait a little, as a tracker's buffer does
      }
    }
  }

  private HttpResponse<String> call(URI node, String path, String body, String device) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (device == null) {
      request.header("Authorization", "Bearer " + customs);
    } else {
      request.header("X-Device-Id", device).header("X-Device-Key", KEY);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long count(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @FunctionalInterface
  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitFor(Condition condition, Duration limit, String failure) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(failure + " after " + limit.toSeconds() + " s");
      }
      Thread.sleep(250);
    }
  }
}
