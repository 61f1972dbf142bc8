package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.testkit.DebianPackages;
import io.corridor.testkit.FreePorts;
import io.corridor.testkit.TestDatabase;
import io.corridor.tracking.JourneyScript;
import io.corridor.tracking.detect.TrackPoint;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Durrës–Prishtina journey through the real entry points of one node, each fix sent the way a
 * real device sends it, in turn: OsmAnd query string (speed in knots), Traccar Client JSON (m/s,
 * battery 0–1, sensors in extras), Corridor's {@code POST /v1/positions}, and MQTT QoS 1 published
 * by Debian's {@code mosquitto_pub}; the cameras post their reads to {@code /v1/reads}. Exactly the
 * scripted alerts come out, closed on arrival.
 */
class CargoJourneyIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Path MOSQUITTO_PUB = Path.of("/usr/bin/mosquitto_pub");

  static CorridorNode node;
  static int osmand;
  static int mqtt;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    DebianPackages.ensure(MOSQUITTO_PUB, "mosquitto-clients");
    osmand = FreePorts.next();
    mqtt = FreePorts.next();
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("cargo_journey"), NodeFixture.uniqueCluster(),
        Map.of("tracking.osmand.port", String.valueOf(osmand), "mqtt.port", String.valueOf(mqtt),
            "cluster.port", String.valueOf(FreePorts.next()), "tracking.tick-interval", "1s")));
    token = node.tokens().mint("customs-9", Role.CUSTOMS, Duration.ofMinutes(30));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static String key(String device) {
    return device + "-key-for-tests";
  }

  @Test
  void theJourneyThroughOsmAndTraccarJsonPositionsAndMqttGivesExactlyTheExpectedAlerts() throws Exception {
    JourneyScript draft = CargoIT.journey(Instant.EPOCH);
    Duration length = draft.shipments().stream().map(draft::end).max(Instant::compareTo).map(e -> Duration.between(draft.start(), e))
        .orElseThrow();
    JourneyScript script = CargoIT.journey(Instant.now().minus(length).minus(Duration.ofMinutes(5)));
    DeviceRepository devices = new DeviceRepository(node.database().dataSource());
    for (var camera : script.cameras().entrySet()) {
      devices.register(camera.getKey(), "camera", key(camera.getKey()), camera.getKey(), camera.getValue().lat(),
          camera.getValue().lon());
    }
    Map<String, String> ids = new HashMap<>();
    for (String name : script.shipments()) {
      devices.register(script.tracker(name), "tracker", key(script.tracker(name)), name + " tracker", null, null);
      HttpResponse<String> declared = CargoIT.call(node, "POST", "/v1/shipments", script.declaration(name).encode(), token);
      assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
      ids.put(name, new JsonObject(declared.body()).getString("id"));
    }
    node.reloadDevices();
    for (String id : ids.values()) {
      assertThat(CargoIT.call(node, "POST", "/v1/shipments/" + id + "/release", null, token).statusCode()).isEqualTo(200);
    }

    int n = 0;
    for (JourneyScript.Event e : script.events()) {
      if (e instanceof JourneyScript.Fix f) {
        int answer = switch (n++ % 4) {
          case 0 -> osmandQuery(f.point());
          case 1 -> traccarJson(f.point());
          case 2 -> positions(f.point());
          default -> mqtt(f.point());
        };
        assertThat(answer).as("fix %s of %s", f.point().time(), f.point().deviceId()).isEqualTo(200);
      } else if (e instanceof JourneyScript.Read r) {
        assertThat(read(r)).isEqualTo(200);
      }
    }
    CargoIT.drained(node);
    for (String id : ids.values()) {
      assertThat(CargoIT.call(node, "POST", "/v1/shipments/" + id + "/arrive", null, token).statusCode()).isEqualTo(200);
    }

    List<String> expected = script.expected().stream().map(JsonObject.class::cast)
        .map(x -> ids.get(x.getString("shipment")) + " " + x.getString("kind")).toList();
    CargoIT.assertClosedAlerts(ids.values(),
        id -> CargoIT.call(node, "GET", "/v1/shipments/" + id + "/alerts", null, token).body(), expected);
    JsonObject track = new JsonObject(CargoIT.call(node, "GET", "/v1/shipments/" + ids.get("tanker") + "/track?limit=5000",
        null, token).body());
    assertThat(track.getJsonArray("positions").size()).isEqualTo(
        (int) script.events().stream().filter(e -> e instanceof JourneyScript.Fix f && f.shipment().equals("tanker")).count());
  }

  private static int osmandQuery(TrackPoint p) throws Exception {
    StringBuilder q = new StringBuilder("id=").append(p.deviceId()).append("&key=").append(key(p.deviceId()))
        .append("&timestamp=").append(URLEncoder.encode(p.time().toString(), StandardCharsets.UTF_8))
        .append("&lat=").append(p.at().lat()).append("&lon=").append(p.at().lon());
    if (p.speedKmh() != null) {
      q.append("&speed=").append(String.format(Locale.ROOT, "%.3f", p.speedKmh() / 1.852));
    }
    sensors(p).forEach((k, v) -> q.append('&').append(k).append('=').append(v));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + osmand + "/?" + q))
        .timeout(Duration.ofSeconds(30)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static int traccarJson(TrackPoint p) throws Exception {
    JsonObject coords = new JsonObject().put("latitude", p.at().lat()).put("longitude", p.at().lon()).put("accuracy", 5)
        .put("heading", -1).put("speed", p.speedKmh() == null ? -1 : p.speedKmh() / 3.6);
    JsonObject location = new JsonObject().put("timestamp", p.time().toString()).put("coords", coords)
        .put("is_moving", p.speedKmh() != null && p.speedKmh() > 0).put("extras", new JsonObject(new HashMap<>(sensors(p))));
    if (p.batteryPct() != null) {
      location.put("battery", new JsonObject().put("level", p.batteryPct() / 100).put("is_charging", false));
    }
    JsonObject body = new JsonObject().put("device_id", p.deviceId()).put("location", location);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + osmand + "/?key=" + key(p.deviceId())))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  static JsonObject corridorJson(TrackPoint p) {
    JsonObject json = JourneyScript.positionJson(p);
    json.remove("deviceId"); // the MQTT form names the tracker in its topic; /v1/positions adds it back
    return json;
  }

  private static int positions(TrackPoint p) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/v1/positions"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("X-Device-Id", p.deviceId())
        .header("X-Device-Key", key(p.deviceId()))
        .POST(HttpRequest.BodyPublishers.ofString(corridorJson(p).put("deviceId", p.deviceId()).encode())).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** Publishes with mosquitto_pub at QoS 1; 200 when the server sent PUBACK. */
  private static int mqtt(TrackPoint p) throws Exception {
    Path file = Files.createTempFile("fix", ".json");
    try {
      Files.writeString(file, corridorJson(p).encode());
      Process process = new ProcessBuilder(MOSQUITTO_PUB.toString(), "-d", "-h", "127.0.0.1", "-p", String.valueOf(mqtt),
          "-q", "1", "-u", p.deviceId(), "-P", key(p.deviceId()), "-t", "corridor/trackers/" + p.deviceId() + "/position",
          "-f", file.toString(), "-i", "journey-" + System.nanoTime()).redirectErrorStream(true).start();
      boolean done = process.waitFor(30, TimeUnit.SECONDS);
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return done && process.exitValue() == 0 && output.contains("received PUBACK") ? 200 : 500;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static int read(JourneyScript.Read r) throws Exception {
    JsonObject body = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("deviceId", r.cameraId())
        .put("eventTime", r.time().toString()).put("plate", r.plate().replace(" ", "")).put("confidence", 0.94);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/v1/reads"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("X-Device-Id", r.cameraId())
        .header("X-Device-Key", key(r.cameraId())).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** The fix's sensors as an OsmAnd tracker names them. */
  private static Map<String, Object> sensors(TrackPoint p) {
    Map<String, Object> sensors = new java.util.LinkedHashMap<>();
    if (p.fuelLitres() != null) {
      sensors.put("fuel", String.format(Locale.ROOT, "%.1f", p.fuelLitres()));
    }
    if (p.temperatureC() != null) {
      sensors.put("temp1", String.format(Locale.ROOT, "%.2f", p.temperatureC()));
    }
    if (p.sealClosed() != null) {
      sensors.put("seal", p.sealClosed() ? "closed" : "open");
    }
    if (p.batteryPct() != null) {
      sensors.put("batt", String.format(Locale.ROOT, "%.0f", p.batteryPct()));
    }
    return sensors;
  }
}
