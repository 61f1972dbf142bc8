package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.devices.DeviceRepository;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Junction controllers report signal phases with the same device auth and durable ack as cameras. */
class SignalsIT {

  static final String CONTROLLER = "ctl-junction-7";
  static final String CONTROLLER_KEY = "controller-key-for-tests-only";
  static CorridorNode node;

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("signals"), NodeFixture.uniqueCluster(), Map.of()));
    NodeFixture.registerDevices(node);
    new DeviceRepository(node.database().dataSource()).register(CONTROLLER, "controller", CONTROLLER_KEY,
        "junction 7 controller", 42.66, 21.16);
    node.reloadDevices();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static String signals(JsonObject... items) {
    JsonArray array = new JsonArray();
    for (JsonObject item : items) {
      array.add(item);
    }
    return new JsonObject().put("signals", array).encode();
  }

  static JsonObject phase(int group, String state, Instant at) {
    return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("controller", CONTROLLER)
        .put("signalGroup", group).put("state", state).put("time", at.toString());
  }

  @Test
  void aControllersPhasesAreStoredOnceAndAcknowledgedAfterCommit() throws Exception {
    Instant now = Instant.now();
    JsonObject amber = phase(3, "AMBER", now.minusSeconds(4));
    JsonObject red = phase(3, "RED", now.minusSeconds(1));
    String body = signals(amber, red);
    HttpResponse<String> response = NodeFixture.postAsDevice(node, "/v1/signals", CONTROLLER, CONTROLLER_KEY, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getJsonArray("accepted"))
        .containsExactly(amber.getString("eventId"), red.getString("eventId"));
    assertThat(NodeFixture.postAsDevice(node, "/v1/signals", CONTROLLER, CONTROLLER_KEY, body).statusCode()).isEqualTo(200);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM signal_phases WHERE controller_id = '" + CONTROLLER
        + "' AND signal_group = 3")).as("a retry is stored once").isEqualTo(2);
  }

  @Test
  void onlyAuthenticatedControllersMaySendSignals() throws Exception {
    String body = signals(phase(1, "RED", Instant.now()));
    assertThat(NodeFixture.postAsDevice(node, "/v1/signals", null, null, body).statusCode()).isEqualTo(401);
    assertThat(NodeFixture.postAsDevice(node, "/v1/signals", CONTROLLER, "wrong-key", body).statusCode()).isEqualTo(401);
    HttpResponse<String> camera = NodeFixture.postAsDevice(node, "/v1/signals", NodeFixture.CAMERA, NodeFixture.CAMERA_KEY,
        body);
    assertThat(camera.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(camera.body()).getString("error")).isEqualTo("wrong_device_kind");
  }

  @Test
  void badSignalsAreRefusedWholeNamingTheField() throws Exception {
    String body = signals(phase(1, "RED", Instant.now()), phase(1, "PURPLE", Instant.now()));
    HttpResponse<String> r = NodeFixture.postAsDevice(node, "/v1/signals", CONTROLLER, CONTROLLER_KEY, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("field")).isEqualTo("signals[1].state");
    HttpResponse<String> future = NodeFixture.postAsDevice(node, "/v1/signals", CONTROLLER, CONTROLLER_KEY,
        signals(phase(1, "RED", Instant.now().plusSeconds(3600))));
    assertThat(new JsonObject(future.body()).getString("field")).isEqualTo("signals[0].time");
    HttpResponse<String> other = NodeFixture.postAsDevice(node, "/v1/signals", CONTROLLER, CONTROLLER_KEY,
        signals(phase(1, "RED", Instant.now()).put("controller", "ctl-elsewhere")));
    assertThat(new JsonObject(other.body()).getString("field")).isEqualTo("signals[0].controller");
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM signal_phases WHERE signal_group = 1")).isZero();
  }
}
