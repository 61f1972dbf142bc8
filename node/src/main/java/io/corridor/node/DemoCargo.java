package io.corridor.node;

import io.corridor.node.DemoFeed.DemoDevice;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceKeys;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.tracking.JourneyScript;
import io.corridor.tracking.shipments.Mrn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demo's tracked shipments: the Durrës–Prishtina journey (a fuel tanker and a medical
 * shipment) declared and released through the shipment API, then replayed {@value #SPEED_UP}×
 * faster than it was scripted, ending now: the trackers post their fixes to {@code /v1/positions}
 * and the cameras along the A1 their reads to {@code /v1/reads}, with their own keys, so the cargo
 * alerts appear on {@code /v1/cargo/alerts/stream} as the trucks go. On arrival the shipments are
 * marked arrived. Every run declares new MRNs, and first cancels what an earlier run left declared
 * or in transit on the demo's trackers (a demo stopped before its trucks arrived), so those
 * shipments do not go on judging this run's fixes and raising alerts of their own.
 */
final class DemoCargo implements AutoCloseable {

  static final int SPEED_UP = 30;

  private final String base;
  private final String token;
  private final JourneyScript script;
  private final List<DemoDevice> devices = new ArrayList<>();
  private final Map<String, String> shipmentIds = new HashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "demo-cargo");
    t.setDaemon(true);
    return t;
  });

  /** Registers the trackers and the journey's cameras, declares and releases the shipments. */
  DemoCargo(CorridorNode node, String base) throws Exception {
    this.base = base;
    this.token = node.tokens().mint("demo-customs", Role.CUSTOMS, Duration.ofHours(8));
    JourneyScript draft = JourneyScript.durresPrishtina();
    Instant last = draft.shipments().stream().map(draft::end).max(Instant::compareTo).orElseThrow();
    Duration replay = Duration.between(draft.start(), last).dividedBy(SPEED_UP);
    // event times as scripted, so the journey's last fix is sent at its own time
    this.script = draft.startingAt(Instant.now().plus(replay).minus(Duration.between(draft.start(), last)));
    DeviceRepository repo = new DeviceRepository(node.database().dataSource());
    for (var camera : script.cameras().entrySet()) {
      devices.add(new DemoDevice(camera.getKey(), "camera", DeviceKeys.generate(), camera.getValue().lat(),
          camera.getValue().lon(), true));
    }
    for (String name : script.shipments()) {
      devices.add(new DemoDevice(script.tracker(name), "tracker", DeviceKeys.generate(), 0, 0, true));
    }
    for (DemoDevice d : devices) {
      repo.register(d.id(), d.kind(), d.key(), d.kind().equals("tracker") ? "demo cargo tracker" : d.id(),
          d.kind().equals("tracker") ? null : d.lat(), d.kind().equals("tracker") ? null : d.lon());
    }
    node.reloadDevices();
    Set<String> trackers = script.shipments().stream().map(script::tracker).collect(Collectors.toSet());
    int superseded = cancelEarlierRuns(trackers);
    if (superseded > 0) {
      System.out.println("Demo: cancelled " + superseded + " shipment(s) an earlier demo run left in transit on " + trackers);
    }
    String run = Long.toString(System.currentTimeMillis() / 1000 % 100_000_000L, 36).toUpperCase();
    for (String name : script.shipments()) {
      String mrn = Mrn.withCheck("26AL" + (name.equals("tanker") ? "T" : "M") + String.format("%12s", run).replace(' ', '0'));
      JsonObject declaration = script.declaration(name).put("mrn", mrn);
      JsonObject shipment = new JsonObject(send("POST", "/v1/shipments", declaration.encode(), token, null).body());
      shipmentIds.put(name, shipment.getString("id"));
      send("POST", "/v1/shipments/" + shipment.getString("id") + "/release", "{\"note\": \"demo release\"}", token, null);
    }
  }

  /**
   * Cancels every shipment declared or released on one of {@code trackers}, through the shipment
   * API as customs would (recorded and audited); returns how many.
   */
  private int cancelEarlierRuns(Set<String> trackers) throws Exception {
    List<String> stale = new ArrayList<>();
    for (String state : List.of("declared", "released")) {
      String next = null;
      do {
        String page = "/v1/shipments?state=" + state + "&limit=500"
            + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        HttpResponse<String> answer = send("GET", page, null, token, null);
        if (answer.statusCode() != 200) {
          throw new IllegalStateException("listing " + state + " shipments answered " + answer.statusCode() + ": " + answer.body());
        }
        JsonObject list = new JsonObject(answer.body());
        for (Object o : list.getJsonArray("shipments")) {
          JsonObject shipment = (JsonObject) o;
          JsonArray on = shipment.getJsonObject("declaration", new JsonObject()).getJsonArray("trackers", new JsonArray());
          if (on.stream().anyMatch(trackers::contains)) {
            stale.add(shipment.getString("id"));
          }
        }
        next = list.getString("next");
      } while (next != null);
    }
    for (String id : stale) {
      HttpResponse<String> answer = send("POST", "/v1/shipments/" + id + "/cancel",
          "{\"note\": \"superseded by a new demo run\"}", token, null);
      if (answer.statusCode() != 200 && answer.statusCode() != 409) { // 409: it arrived meanwhile
        throw new IllegalStateException("cancelling shipment " + id + " answered " + answer.statusCode() + ": " + answer.body());
      }
    }
    return stale.size();
  }

  /** The trackers and cameras, for credentials.json. */
  List<DemoDevice> devices() {
    return List.copyOf(devices);
  }

  /** Starts replaying the journey. */
  void start() {
    Instant startedAt = Instant.now();
    Instant scriptStart = script.events().get(0).time();
    for (JourneyScript.Event e : script.events()) {
      long delayMs = Duration.between(scriptStart, e.time()).toMillis() / SPEED_UP;
      scheduler.schedule(() -> deliver(e), Math.max(0, delayMs - Duration.between(startedAt, Instant.now()).toMillis()),
          TimeUnit.MILLISECONDS);
    }
    for (String name : script.shipments()) {
      long delayMs = Duration.between(scriptStart, script.end(name)).toMillis() / SPEED_UP + 2_000;
      scheduler.schedule(() -> arrive(name), delayMs, TimeUnit.MILLISECONDS);
    }
  }

  private void deliver(JourneyScript.Event e) {
    try {
      if (e instanceof JourneyScript.Fix f) {
        send("POST", "/v1/positions", JourneyScript.positionJson(f.point()).encode(), null, f.point().deviceId());
      } else if (e instanceof JourneyScript.Read r) {
        send("POST", "/v1/reads", JourneyScript.readJson(r).encode(), null, r.cameraId());
      }
    } catch (Exception ex) {
      // the demo node may be stopping: the feed just ends
    }
  }

  private void arrive(String name) {
    try {
      send("POST", "/v1/shipments/" + shipmentIds.get(name) + "/arrive", "{\"note\": \"demo arrival\"}", token, null);
      System.out.println("Demo shipment " + name + " arrived: " + base + "/v1/shipments/" + shipmentIds.get(name) + "/alerts");
    } catch (Exception ex) {
      // stopping
    }
  }

  private HttpResponse<String> send(String method, String path, String body, String bearer, String device) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (device != null) {
      String key = devices.stream().filter(d -> d.id().equals(device)).findFirst().orElseThrow().key();
      request.header("X-Device-Id", device).header("X-Device-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
