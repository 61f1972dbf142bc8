package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.bus.BusAddresses;
import io.corridor.platform.auth.Role;
import io.corridor.testkit.TestDatabase;
import io.corridor.tracking.detect.AlertChange;
import io.corridor.tracking.detect.AlertKind;
import io.corridor.tracking.detect.CargoAlert;
import io.corridor.tracking.shipments.CargoAlertRepository;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cargo alert stream loses nothing: events carry the number of the stored change; a client
 * that reconnects with {@code Last-Event-ID} gets exactly what it missed, in order; a client that
 * does not read is disconnected (counted) instead of silently skipped, and resumes by
 * {@code Last-Event-ID}. Real HTTP clients against a real node.
 */
class CargoStreamIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static CorridorNode node;
  static String token;
  static String shipment;
  static CargoAlertRepository alerts;

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("cargo_stream"), NodeFixture.uniqueCluster(), Map.of()));
    token = node.tokens().mint("customs-5", Role.CUSTOMS, Duration.ofMinutes(30));
    HttpResponse<String> declared = CargoIT.call(node, "POST", "/v1/shipments",
        CargoIT.journey(Instant.now()).declaration("tanker").encode(), token);
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    shipment = new JsonObject(declared.body()).getString("id");
    alerts = new CargoAlertRepository(node.database().dataSource());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** Stores {@code n} raised alerts (with {@code padding} characters of detail each) and wakes the streams. */
  private static List<CargoAlert> raise(int n, int padding) throws Exception {
    List<AlertChange> changes = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      changes.add(new AlertChange(new CargoAlert(UUID.randomUUID().toString(), shipment, AlertKind.OFF_CORRIDOR, "k" + i,
          "HIGH", "trk-1", now, null, "left the corridor", Map.of("pad", "x".repeat(padding))), true));
    }
    alerts.apply(changes, now);
    node.vertx().eventBus().publish(BusAddresses.CARGO_ALERTS, new JsonObject().put("change", "raised"));
    return changes.stream().map(AlertChange::alert).toList();
  }

  private static void close(List<CargoAlert> raised) throws Exception {
    Instant now = Instant.now();
    alerts.apply(raised.stream().map(a -> new AlertChange(new CargoAlert(a.id(), a.shipmentId(), a.kind(), a.key(),
        a.severity(), a.deviceId(), a.openedAt(), now, a.reason(), a.details()), false)).toList(), now);
    node.vertx().eventBus().publish(BusAddresses.CARGO_ALERTS, new JsonObject().put("change", "closed"));
  }

  /** A client collecting "id event alertId" per event; {@code lastEventId} null for a fresh one. */
  private static CompletableFuture<HttpResponse<Void>> listen(String lastEventId, List<String> events) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort()
        + "/v1/cargo/alerts/stream")).header("Authorization", "Bearer " + token).GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    String[] current = new String[2];
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenApply(r -> {
      events.add("status " + r.statusCode());
      r.body().forEach(line -> {
        if (line.startsWith("id: ")) {
          current[0] = line.substring(4);
        } else if (line.startsWith("event: ")) {
          current[1] = line.substring(7);
        } else if (line.startsWith("data: ")) {
          events.add(current[0] + " " + current[1] + " " + new JsonObject(line.substring(6)).getString("id"));
        }
      });
      return null;
    });
  }

  private static List<String> only(List<String> events) {
    return events.stream().filter(e -> !e.startsWith("status")).toList();
  }

  @Test
  void anOfficerTakesAnAlertOnOnceEveryConsoleSeesItAndItIsAudited() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<Void>> console = listen(null, events);
    DurableAckIT.waitUntil(() -> events.contains("status 200"), 10);
    Thread.sleep(300); // subscribed
    CargoAlert alert = raise(1, 10).getFirst();
    String path = "/v1/shipments/" + shipment + "/alerts/" + alert.id() + "/acknowledge";

    HttpResponse<String> taken = CargoIT.call(node, "POST", path, "{\"note\": \"driver called; patrol sent to km 41\"}", token);

    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
    JsonObject shown = new JsonObject(taken.body());
    assertThat(shown.getString("id")).isEqualTo(alert.id());
    assertThat(shown.getBoolean("open")).as("the episode stays open until it clears").isTrue();
    assertThat(shown.getJsonObject("acknowledged").getString("by")).isEqualTo("customs-5");
    assertThat(shown.getJsonObject("acknowledged").getString("note")).isEqualTo("driver called; patrol sent to km 41");
    DurableAckIT.waitUntil(() -> only(events).stream().anyMatch(e -> e.endsWith(" acknowledged " + alert.id())), 10);
    console.cancel(true);
    assertThat(only(events).stream().filter(e -> e.endsWith(" " + alert.id())).map(e -> e.split(" ")[1]))
        .containsExactly("raised", "acknowledged");

    HttpResponse<String> again = CargoIT.call(node, "POST", path, null, token);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("customs-5");
    HttpResponse<String> listed = CargoIT.call(node, "GET", "/v1/shipments/" + shipment + "/alerts", null, token);
    JsonObject listedAlert = new JsonObject(listed.body()).getJsonArray("alerts").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("id").equals(alert.id())).findFirst().orElseThrow();
    assertThat(listedAlert.getJsonObject("acknowledged").getString("by")).isEqualTo("customs-5");
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM audit_log WHERE actor = 'customs-5'"
        + " AND action = 'shipments.alerts.acknowledge' AND detail LIKE 'alert " + alert.id() + "%'")).isEqualTo(1);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM cargo_alert_events WHERE alert_id = '" + alert.id()
        + "' AND change = 'acknowledged'")).as("once").isEqualTo(1);
  }

  @Test
  void anAcknowledgementOfNoSuchAlertOrWithABadNoteIsRefusedNamingTheField() throws Exception {
    CargoAlert alert = raise(1, 10).getFirst();
    String path = "/v1/shipments/" + shipment + "/alerts/" + alert.id() + "/acknowledge";
    String plate = CargoIT.journey(Instant.now()).declaration("tanker").getString("truckPlate");

    HttpResponse<String> unknown = CargoIT.call(node, "POST", "/v1/shipments/" + shipment + "/alerts/"
        + UUID.randomUUID() + "/acknowledge", null, token);
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    assertThat(new JsonObject(unknown.body()).getString("field")).isEqualTo("alertId");
    HttpResponse<String> notAnId = CargoIT.call(node, "POST", "/v1/shipments/" + shipment + "/alerts/km41/acknowledge",
        null, token);
    assertThat(notAnId.statusCode()).as(notAnId.body()).isEqualTo(400);
    HttpResponse<String> naming = CargoIT.call(node, "POST", path,
        new JsonObject().put("note", "stopped truck " + plate.toLowerCase() + " at the pump").encode(), token);
    assertThat(naming.statusCode()).as(naming.body()).isEqualTo(400);
    assertThat(new JsonObject(naming.body()).getString("field")).isEqualTo("note");
    HttpResponse<String> tooLong = CargoIT.call(node, "POST", path, new JsonObject().put("note", "x".repeat(2001)).encode(),
        token);
    assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
    HttpResponse<String> notJson = CargoIT.call(node, "POST", path, "{note", token);
    assertThat(notJson.statusCode()).as(notJson.body()).isEqualTo(400);
    HttpResponse<String> officer = CargoIT.call(node, "POST", path, null,
        node.tokens().mint("officer-5", Role.OFFICER, Duration.ofMinutes(5)));
    assertThat(officer.statusCode()).as("customs only").isEqualTo(403);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM cargo_alerts WHERE alert_id = '" + alert.id()
        + "' AND acknowledged_at IS NOT NULL")).as("none of them recorded anything").isZero();
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM cargo_alerts WHERE acknowledgement ILIKE '%"
        + plate.replace(" ", "") + "%'")).isZero();
  }

  @Test
  void aClientReconnectingWithLastEventIdGetsExactlyWhatItMissedInOrder() throws Exception {
    List<String> first = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<Void>> a = listen(null, first);
    DurableAckIT.waitUntil(() -> first.contains("status 200"), 10);
    Thread.sleep(300); // subscribed
    List<CargoAlert> raised = raise(3, 10);
    DurableAckIT.waitUntil(() -> only(first).size() == 3, 10);
    a.cancel(true);
    String last = only(first).get(2).split(" ")[0];
    assertThat(only(first)).extracting(e -> e.split(" ")[1] + " " + e.split(" ")[2])
        .containsExactly(raised.stream().map(x -> "raised " + x.id()).toArray(String[]::new));

    close(raised); // while nobody listens
    List<String> resumed = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<Void>> b = listen(last, resumed);
    DurableAckIT.waitUntil(() -> only(resumed).size() >= 3, 10);
    List<CargoAlert> later = raise(1, 10);
    DurableAckIT.waitUntil(() -> only(resumed).size() >= 4, 10);
    b.cancel(true);
    List<String> got = only(resumed);
    assertThat(got).extracting(e -> e.split(" ")[1] + " " + e.split(" ")[2]).containsExactly(
        "closed " + raised.get(0).id(), "closed " + raised.get(1).id(), "closed " + raised.get(2).id(),
        "raised " + later.get(0).id());
    long lastSeen = Long.parseLong(last);
    for (int i = 0; i < got.size(); i++) {
      assertThat(Long.parseLong(got.get(i).split(" ")[0])).as("numbered on, no gap").isEqualTo(lastSeen + 1 + i);
    }

    List<String> bad = new CopyOnWriteArrayList<>();
    listen("yesterday", bad).join();
    assertThat(bad).containsExactly("status 400");
  }

  @Test
  void aClientThatDoesNotReadIsDisconnectedAndCountedAndResumesByLastEventId() throws Exception {
    long from = alerts.lastEventSeq();
    int n = 3000;
    raise(n, 2000); // about 7 MB of events: more than the socket buffers and the write queue hold
    double before = metric("corridor_cargo_stream_disconnected_total");
    try (Socket slow = new Socket()) {
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress("127.0.0.1", node.httpPort()), 5000);
      OutputStream out = slow.getOutputStream();
      out.write(("GET /v1/cargo/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
          + "\r\nLast-Event-ID: " + from + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      DurableAckIT.waitUntil(() -> metric("corridor_cargo_stream_disconnected_total") > before, 30);
      slow.setSoTimeout(10_000);
      InputStream in = slow.getInputStream();
      byte[] buffer = new byte[65536];
      try {
        while (in.read(buffer) >= 0) {
          // drain until the node's close arrives
        }
      } catch (java.net.SocketException reset) {
        // a reset is the node closing too
      }
    }
    List<String> resumed = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<Void>> c = listen(String.valueOf(from + n / 2), resumed);
    DurableAckIT.waitUntil(() -> only(resumed).size() >= n - n / 2, 30);
    c.cancel(true);
    List<String> got = only(resumed);
    assertThat(got).hasSize(n - n / 2);
    for (int i = 0; i < got.size(); i++) {
      assertThat(Long.parseLong(got.get(i).split(" ")[0])).isEqualTo(from + n / 2 + 1 + i);
    }
  }

  private static double metric(String name) throws Exception {
    return NodeFixture.get(node, "/metrics", null).body().lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
