package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.testkit.TestDatabase;
import io.corridor.tracking.shipments.Mrn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every member stops (a cluster restarted for maintenance, the single-node demo stopped) while
 * shipments have alerts open: the monitors in Hazelcast are gone, the alerts are in PostgreSQL. The
 * monitor started again continues each open alert under its id, so it closes when it clears and is
 * not raised twice; a shipment ended before its monitor is started again still ends with no alert open.
 */
class CargoClusterRestartIT {

  private static final String KEY = "restart-tracker-key";
  private static final Map<String, String> FAST = Map.of("tracking.reorder-window", "1s", "tracking.tick-interval", "1s");

  @Test
  void openAlertsOutliveAClusterRestart() throws Exception {
    String db = TestDatabase.fresh("cargo_restart");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(1));
    String continued;
    String ended;
    String continuedAlert;
    String endedAlert;
    try (CorridorNode node = CorridorNode.start(NodeFixture.settings(db, NodeFixture.uniqueCluster(), FAST))) {
      DeviceRepository devices = new DeviceRepository(node.database().dataSource());
      devices.register("trk-restart-a", "tracker", KEY, "tracker a", null, null);
      devices.register("trk-restart-b", "tracker", KEY, "tracker b", null, null);
      node.reloadDevices();
      String customs = customs(node);
      continued = declareAndRelease(node, customs, "A", "trk-restart-a");
      ended = declareAndRelease(node, customs, "B", "trk-restart-b");
      // the battery at 5 %: a low-battery alarm on each, raised at once
      post(node, "trk-restart-a", t0, 5.0);
      post(node, "trk-restart-b", t0, 5.0);
      continuedAlert = awaitAlert(node, customs, continued, true);
      endedAlert = awaitAlert(node, customs, ended, true);
    }

    try (CorridorNode node = CorridorNode.start(NodeFixture.settings(db, NodeFixture.uniqueCluster(), FAST))) {
      String customs = customs(node);
      // ended before any monitor continues its alert: the end still closes it
      assertThat(NodeFixture.postAs(node, "/v1/shipments/" + ended + "/cancel", customs, "{\"note\": \"after restart\"}")
          .statusCode()).isEqualTo(200);
      JsonArray endedAlerts = alerts(node, customs, ended);
      assertThat(endedAlerts).hasSize(1);
      assertThat(endedAlerts.getJsonObject(0).getString("id")).isEqualTo(endedAlert);
      assertThat(endedAlerts.getJsonObject(0).getBoolean("open")).isFalse();

      // the other goes on: the nodes' housekeeping (every 30 s) starts its monitor again; fixes with the
      // battery still low meanwhile and after raise nothing new
      long lowUntil = System.nanoTime() + Duration.ofSeconds(35).toNanos();
      while (System.nanoTime() < lowUntil) {
        post(node, "trk-restart-a", Instant.now().truncatedTo(ChronoUnit.SECONDS), 5.0);
        Thread.sleep(2_000);
      }
      JsonArray stillOpen = alerts(node, customs, continued);
      assertThat(stillOpen).as("not raised a second time").hasSize(1);
      assertThat(stillOpen.getJsonObject(0).getString("id")).isEqualTo(continuedAlert);
      assertThat(stillOpen.getJsonObject(0).getBoolean("open")).isTrue();
      // and the battery charged closes it, under its id
      post(node, "trk-restart-a", Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), 90.0);
      assertThat(awaitAlert(node, customs, continued, false)).isEqualTo(continuedAlert);
    }
  }

  private static String customs(CorridorNode node) {
    return node.tokens().mint("customs-restart", Role.CUSTOMS, Duration.ofMinutes(10));
  }

  private static String declareAndRelease(CorridorNode node, String customs, String tag, String tracker) throws Exception {
    Instant now = Instant.now();
    JsonObject declaration = new JsonObject().put("mrn", Mrn.withCheck("26ALRESTART00000" + tag)).put("goods", "fuel")
        .put("description", "Diesel EN 590").put("quantity", 30000).put("unit", "l").put("truckPlate", "AA 123 B" + tag)
        .put("trackers", new JsonArray().add(tracker)).put("sealId", "ES-" + tag)
        .put("officeOfDeparture", "AL005001").put("officeOfDestination", "XK000101")
        .put("route", new JsonObject().put("corridorWidthM", 2000).put("points", new JsonArray(List.of(
            new JsonArray(List.of(41.3130, 19.4530)), new JsonArray(List.of(42.1190, 20.5560)),
            new JsonArray(List.of(42.6630, 21.1640))))))
        .put("plannedDeparture", now.minus(Duration.ofHours(1)).toString())
        .put("eta", new JsonObject().put("earliest", now.plus(Duration.ofHours(4)).toString())
            .put("latest", now.plus(Duration.ofHours(8)).toString()));
    HttpResponse<String> declared = NodeFixture.postAs(node, "/v1/shipments", customs, declaration.encode());
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    String id = new JsonObject(declared.body()).getString("id");
    assertThat(NodeFixture.postAs(node, "/v1/shipments/" + id + "/release", customs, "{}").statusCode()).isEqualTo(200);
    return id;
  }

  private static void post(CorridorNode node, String tracker, Instant at, double batteryPct) throws Exception {
    JsonObject fix = new JsonObject().put("eventId", UUID.nameUUIDFromBytes((tracker + at).getBytes()).toString())
        .put("deviceId", tracker).put("eventTime", at.toString())
        .put("location", new JsonObject().put("lat", 41.3130).put("lon", 19.4530)).put("batteryPct", batteryPct);
    HttpResponse<String> answer = NodeFixture.postAsDevice(node, "/v1/positions", tracker, KEY, fix.encode());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  private static JsonArray alerts(CorridorNode node, String customs, String shipment) throws Exception {
    return new JsonObject(NodeFixture.get(node, "/v1/shipments/" + shipment + "/alerts", customs).body()).getJsonArray("alerts");
  }

  private static String awaitAlert(CorridorNode node, String customs, String shipment, boolean open) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonArray alerts = alerts(node, customs, shipment);
      if (alerts.size() == 1 && alerts.getJsonObject(0).getBoolean("open") == open) {
        assertThat(alerts.getJsonObject(0).getString("kind")).isEqualTo("DEVICE_ALARM");
        return alerts.getJsonObject(0).getString("id");
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no " + (open ? "open" : "closed") + " alert on " + shipment + ": " + alerts(node, customs, shipment));
  }
}
