package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.Position;
import io.corridor.events.bus.BusAddresses;
import io.corridor.events.bus.StoredPositions;
import io.corridor.testkit.DebianPackages;
import io.corridor.testkit.FreePorts;
import io.corridor.testkit.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real node takes tracker positions on its three entry points: /v1/positions, OsmAnd and MQTT. */
class TrackersIT {

  static CorridorNode node;
  static int osmandPort = FreePorts.next();
  static int mqttPort = FreePorts.next();
  static final List<Position> handedOn = new CopyOnWriteArrayList<>();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("trackers"), NodeFixture.uniqueCluster(),
        Map.of("tracking.osmand.port", String.valueOf(osmandPort), "mqtt.port", String.valueOf(mqttPort))));
    NodeFixture.registerDevices(node);
    node.vertx().eventBus().<StoredPositions>localConsumer(BusAddresses.POSITIONS_STORED,
        m -> handedOn.addAll(m.body().positions()));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static String at(int secondsAgo) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(secondsAgo).toString();
  }

  @Test
  void eachEntryPointStoresAfterCommitAndHandsTheDetectorsThePosition() throws Exception {
    HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node.httpPort() + "/v1/positions"))
        .header("Content-Type", "application/json").header("X-Device-Id", NodeFixture.TRACKER)
        .header("X-Device-Key", NodeFixture.TRACKER_KEY)
        .POST(HttpRequest.BodyPublishers.ofString("{\"eventTime\": \"" + at(30)
            + "\", \"location\": {\"lat\": 41.33, \"lon\": 19.45}, \"sensors\": {\"fuel\": 30000}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);

    HttpResponse<String> osmand = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + osmandPort
        + "/?id=" + NodeFixture.TRACKER + "&key=" + NodeFixture.TRACKER_KEY + "&lat=41.34&lon=19.46&timestamp="
        + Instant.now().minusSeconds(20).getEpochSecond() + "&speed=30&fuel=29990")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(osmand.statusCode()).as(osmand.body()).isEqualTo(200);

    Path mosquitto = DebianPackages.ensure(Path.of("/usr/bin/mosquitto_pub"), "mosquitto-clients");
    Process pub = new ProcessBuilder(mosquitto.toString(), "-d", "-h", "127.0.0.1", "-p", String.valueOf(mqttPort), "-q", "1",
        "-u", NodeFixture.TRACKER, "-P", NodeFixture.TRACKER_KEY, "-t", "corridor/trackers/" + NodeFixture.TRACKER + "/position",
        "-m", "{\"eventTime\": \"" + at(10) + "\", \"location\": {\"lat\": 41.35, \"lon\": 19.47}}")
        .redirectErrorStream(true).start();
    assertThat(pub.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String output = new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).as(output).contains("received PUBACK");

    assertThat(NodeFixture.count(node, "SELECT count(*) FROM positions WHERE device_id = '" + NodeFixture.TRACKER + "'"))
        .isEqualTo(3);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (handedOn.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(handedOn).extracting(Position::getProtocol).containsExactlyInAnyOrder("corridor-json", "osmand", "mqtt-json");
  }

  @Test
  void camerasAreNotTrackers() throws Exception {
    HttpResponse<String> osmand = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + osmandPort
        + "/?id=" + NodeFixture.CAMERA + "&key=" + NodeFixture.CAMERA_KEY + "&lat=41.34&lon=19.46")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(osmand.statusCode()).as(osmand.body()).isEqualTo(403);
  }
}
