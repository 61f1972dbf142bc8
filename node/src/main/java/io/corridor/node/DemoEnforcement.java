package io.corridor.node;

import io.corridor.node.DemoFeed.DemoDevice;
import io.corridor.platform.devices.DeviceKeys;
import io.corridor.platform.devices.DeviceRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's enforcement corner: camera sites, rule documents, a vehicle registry and a junction
 * controller, set up through the real operator API, then a round of offences every
 * {@value #ROUND_SECONDS} s so the review queue shows speed, section, red-light, zone, lane and
 * registry violations (section offences appear when the journey's window has passed).
 */
final class DemoEnforcement implements AutoCloseable {

  static final int ROUND_SECONDS = 20;
  static final String SPOT = "cam-a1-km10";
  static final String SECTION_EXIT = "cam-a1-km12";
  static final String STOP_LINE = "cam-jct-07";
  static final String CONTROLLER = "ctl-jct-07";
  static final String CENTRE = "cam-centre-n";
  static final String BUS_LANE = "cam-bus-main";
  static final String LORRY = "01999HG";
  static final String CAR_IN_BUS_LANE = "01888BL";
  static final String UNINSURED = "01777UN";

  private final String base;
  private final String operator;
  private final List<DemoDevice> devices;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("demo-enforcement").daemon().factory());
  private final Random random = new Random();

  private DemoEnforcement(String base, String operator, List<DemoDevice> devices) {
    this.base = base;
    this.operator = operator;
    this.devices = devices;
  }

  /** Registers the enforcement devices (cameras and the controller). */
  static List<DemoDevice> register(DeviceRepository repo) throws Exception {
    List<DemoDevice> devices = List.of(
        new DemoDevice(SPOT, "camera", DeviceKeys.generate(), 42.60, 21.10, true),
        new DemoDevice(SECTION_EXIT, "camera", DeviceKeys.generate(), 42.61, 21.12, true),
        new DemoDevice(STOP_LINE, "camera", DeviceKeys.generate(), 42.664, 21.165, true),
        new DemoDevice(CONTROLLER, "controller", DeviceKeys.generate(), 42.664, 21.165, true),
        new DemoDevice(CENTRE, "camera", DeviceKeys.generate(), 42.662, 21.166, true),
        new DemoDevice(BUS_LANE, "camera", DeviceKeys.generate(), 42.661, 21.160, true));
    for (DemoDevice d : devices) {
      repo.register(d.id(), d.kind(), d.key(), d.id(), d.lat(), d.lon());
    }
    return devices;
  }

  /**
   * Puts sites, rules (a section window of {@code sectionWindow}) and the registry in force through
   * the operator API.
   */
  static DemoEnforcement create(String base, String operatorToken, List<DemoDevice> devices, Duration sectionWindow)
      throws Exception {
    DemoEnforcement demo = new DemoEnforcement(base, operatorToken, devices);
    demo.seed(sectionWindow);
    return demo;
  }

  /** Starts a round every {@value #ROUND_SECONDS} s. */
  DemoEnforcement schedule() {
    scheduler.scheduleWithFixedDelay(this::round, 3, ROUND_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  private void seed(Duration sectionWindow) throws Exception {
    String calibration = "\"calibration\": {\"certificate\": \"KMA-2026-%s\", \"validUntil\": \"%s\"}";
    String valid = LocalDate.now().plusYears(1).toString();
    site("a1-km10", SPOT, "radar", 100, "enforcement", calibration.formatted("0410", valid));
    site("a1-km12", SECTION_EXIT, "section", 100, "enforcement", calibration.formatted("0412", valid));
    site("jct-07", STOP_LINE, "video", 50, "enforcement", calibration.formatted("0707", valid));
    site("centre-n", CENTRE, "video", 50, "network", null);
    site("bus-main", BUS_LANE, "video", 50, "network", null);
    rule("speed-xk", """
        type: spot-speed
        sites: [a1-km10]
        tolerances: [{country: XK, bands: [{below: 100, kmh: 3}, {percent: 3}]}]
        """);
    rule("section-a1", """
        type: section-speed
        window: %ds
        clockSkew: 1s
        tolerance: {bands: [{below: 100, kmh: 3}, {percent: 3}]}
        sections:
          - {id: A1-10-12, entry: %s, exit: %s, distanceMeters: 2000, limits: {car: 100, hgv>3.5t: 80}}
        """.formatted(sectionWindow.toSeconds(), SPOT, SECTION_EXIT));
    rule("red-light-jct-07", """
        type: red-light
        grace: 300ms
        aggravatedAfter: 1s
        junctions: [{camera: %s, controller: %s, signalGroup: 2}]
        """.formatted(STOP_LINE, CONTROLLER));
    rule("centre-lorries", """
        type: restricted-zone
        cameras: [%s]
        timezone: Europe/Belgrade
        windows: [{from: "00:00", to: "24:00"}]
        classes: [hgv>3.5t, hgv>7.5t]
        severity: WARNING
        """.formatted(CENTRE));
    rule("bus-lane-main", """
        type: restricted-lane
        cameras: [%s]
        lanes: [3]
        timezone: Europe/Belgrade
        windows: [{from: "00:00", to: "24:00"}]
        allowedClasses: [bus]
        severity: INFO
        """.formatted(BUS_LANE));
    rule("registry-xk", """
        type: registry
        countries: [XK]
        checks: [uninsured, registration-expired]
        """);
    String expired = LocalDate.now().minusMonths(2).toString();
    String later = LocalDate.now().plusYears(1).toString();
    call("POST", "/v1/registry/import", "plate,class,euro_class,insured_until,registered_until\n"
        + LORRY + ",hgv>3.5t,6," + later + "," + later + "\n"
        + CAR_IN_BUS_LANE + ",car,6," + later + "," + later + "\n"
        + UNINSURED + ",car,5," + expired + "," + later + "\n");
  }

  private void site(String id, String device, String measurement, int limit, String purpose, String calibration)
      throws Exception {
    call("PUT", "/v1/sites/" + id, "{\"device\": \"" + device + "\", \"name\": \"" + id + "\", \"country\": \"XK\","
        + " \"timezone\": \"Europe/Belgrade\", \"lanes\": 3, \"limits\": {\"car\": " + limit + ", \"bus\": " + limit
        + ", \"hgv>3.5t\": " + Math.min(limit, 80) + "}, \"measurement\": \"" + measurement + "\", \"purpose\": \""
        + purpose + "\"" + (calibration == null ? "" : ", " + calibration) + "}");
  }

  private void rule(String id, String yaml) throws Exception {
    call("PUT", "/v1/rules/" + id, "id: " + id + "\n" + yaml);
  }

  private void call(String method, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + operator).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("demo set-up " + method + " " + path + " got " + r.statusCode() + ": " + r.body());
    }
  }

  /** One round: an offence of each kind (and innocent passes, which leave nothing at enforcement sites). */
  void round() {
    try {
      Instant now = Instant.now();
      read(SPOT, plate(), now, 112 + random.nextInt(40), 1);        // spot speed
      read(SPOT, plate(), now, 70 + random.nextInt(20), 2);          // innocent: deleted after its window
      String section = plate();
      read(SPOT, section, now.minusSeconds(58), 96, 1);              // section entry, 2 km in 58 s = 124 km/h
      read(SECTION_EXIT, section, now, 97, 1);
      signal("AMBER", now.minusSeconds(5));
      signal("RED", now.minusSeconds(2));
      Thread.sleep(300);
      read(STOP_LINE, plate(), now, 40, 1);                          // 2 s into red
      read(CENTRE, LORRY, now, 30, 1);                               // lorry in the centre
      read(BUS_LANE, CAR_IN_BUS_LANE, now, 35, 3);                   // car in the bus lane
      read(SPOT, UNINSURED, now, 80, 2);                             // uninsured
      signal("GREEN", now.plusSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      System.err.println("demo enforcement: " + e);
    }
  }

  private String plate() {
    return "0" + (1 + random.nextInt(7)) + (100 + random.nextInt(900)) + (char) ('A' + random.nextInt(26))
        + (char) ('A' + random.nextInt(26));
  }

  private DemoDevice device(String id) {
    return devices.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
  }

  private void read(String camera, String plate, Instant at, float speed, int lane) throws IOException, InterruptedException {
    JsonObject read = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("deviceId", camera)
        .put("eventTime", at.toString()).put("plate", plate).put("country", "XK").put("confidence", 0.96)
        .put("lane", lane).put("speedKmh", speed);
    post("/v1/reads", device(camera), new JsonObject().put("reads", new JsonArray().add(read)).encode());
  }

  private void signal(String state, Instant at) throws IOException, InterruptedException {
    post("/v1/signals", device(CONTROLLER), new JsonObject().put("signalGroup", 2).put("state", state)
        .put("time", at.toString()).encode());
  }

  private void post(String path, DemoDevice device, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json").header("X-Device-Id", device.id())
        .header("X-Device-Key", device.key()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      System.err.println("demo enforcement: " + path + " from " + device.id() + " got " + r.statusCode() + " " + r.body());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
