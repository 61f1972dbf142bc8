package io.corridor.tracking.drones;

import static io.corridor.tracking.testing.TrackingFixture.DRONE;
import static io.corridor.tracking.testing.TrackingFixture.DRONE_KEY;
import static io.corridor.tracking.testing.TrackingFixture.TRACKER;
import static io.corridor.tracking.testing.TrackingFixture.TRACKER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.testkit.MosquittoPub;
import io.corridor.testkit.MosquittoPub.Run;
import io.corridor.tracking.testing.TrackingFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drones publishing telemetry and detections with Debian's mosquitto_pub. */
class DroneMqttIT {

  static TrackingFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    MosquittoPub.install();
    fixture = TrackingFixture.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  static Run pub(String user, String key, String topic, String json) throws Exception {
    return MosquittoPub.publish(fixture.mqttPort, user, key, topic, json.getBytes(), "mqttv311", 10);
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5).toString();
  }

  @Test
  void telemetryIsStoredOnceWithItsMission() throws Exception {
    String telemetry = """
        {"eventTime": "%s", "location": {"lat": 42.6629, "lon": 21.1655}, "altitudeM": 120.5, "headingDeg": 270,
         "batteryPct": 64, "missionId": "msn-2026-1130-a",
         "detections": [{"objectClass": "truck", "confidence": 0.91, "location": {"lat": 42.6631, "lon": 21.1650}}]}"""
        .formatted(now());
    String topic = "corridor/drones/" + DRONE + "/telemetry";
    assertThat(pub(DRONE, DRONE_KEY, topic, telemetry).acknowledged()).isTrue();
    Run retry = pub(DRONE, DRONE_KEY, topic, telemetry);
    assertThat(retry.acknowledged()).as(retry.output()).isTrue();
    assertThat(fixture.count("SELECT count(*) FROM drone_telemetry WHERE device_id = '" + DRONE
        + "' AND mission_id = 'msn-2026-1130-a' AND altitude_m = 120.5 AND detections->0->>'objectClass' = 'truck'"))
        .isEqualTo(1);
  }

  @Test
  void djiCloudApiTelemetry() throws Exception {
    long ms = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3).toEpochMilli();
    String osd = """
        {"tid": "6a7bfe89-c386-4043-b600-b518e10096cc", "bid": "42a19f36-5117-4520-bd13-fd61d818d52e",
         "timestamp": %d, "gateway": "dock-01",
         "data": {"latitude": 42.6601, "longitude": 21.1702, "height": 615.2, "elevation": 80.1,
                  "attitude_head": -90.0, "horizontal_speed": 7.5, "battery": {"capacity_percent": 77}}}""".formatted(ms);
    Run run = pub(DRONE, DRONE_KEY, "thing/product/" + DRONE + "/osd", osd);
    assertThat(run.acknowledged()).as(run.output()).isTrue();
    assertThat(fixture.count("SELECT count(*) FROM drone_telemetry WHERE device_id = '" + DRONE
        + "' AND heading_deg = 270 AND battery_pct = 77 AND abs(altitude_m - 615.2) < 0.01")).isEqualTo(1);
  }

  @Test
  void badTelemetryAndTrackersOnDroneTopicsAreRefused() throws Exception {
    Run noAltitude = pub(DRONE, DRONE_KEY, "corridor/drones/" + DRONE + "/telemetry",
        "{\"eventTime\": \"" + now() + "\", \"location\": {\"lat\": 42.6, \"lon\": 21.1}}");
    assertThat(noAltitude.acknowledged()).as(noAltitude.output()).isFalse();
    Run tracker = pub(TRACKER, TRACKER_KEY, "corridor/drones/" + TRACKER + "/telemetry",
        "{\"eventTime\": \"" + now() + "\", \"location\": {\"lat\": 42.6, \"lon\": 21.1}, \"altitudeM\": 10}");
    assertThat(tracker.acknowledged()).as(tracker.output()).isFalse();
    assertThat(fixture.count("SELECT count(*) FROM drone_telemetry WHERE device_id = '" + TRACKER + "'")).isZero();
  }

  @Test
  void aPlateReadOnBoardBecomesAReadAtThatPlaceForTheRules() throws Exception {
    String detection = """
        {"eventTime": "%s", "location": {"lat": 42.6640, "lon": 21.1600}, "plate": "01-123-AB", "country": "XK",
         "confidence": 0.88}""".formatted(now());
    Run run = pub(DRONE, DRONE_KEY, "corridor/drones/" + DRONE + "/detections", detection);
    assertThat(run.acknowledged()).as(run.output()).isTrue();
    assertThat(fixture.count("SELECT count(*) FROM plate_reads WHERE device_id = '" + DRONE + "' AND lat = 42.664")).isEqualTo(1);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (fixture.reads.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(fixture.reads).extracting(r -> r.getPlate()).contains("01123AB");
  }

  @Test
  void aFrameNeedsARecognizerAndBadFramesAreRefused() throws Exception {
    String topic = "corridor/drones/" + DRONE + "/detections";
    Run noRecognizer = pub(DRONE, DRONE_KEY, topic, "{\"eventTime\": \"" + now() + "\", \"frame\": \""
        + Base64.getEncoder().encodeToString(io.corridor.testkit.PlateImages.plate("AB123CD")) + "\"}");
    assertThat(noRecognizer.acknowledged()).as("anpr.engine=none: not stored, not acknowledged").isFalse();
    Run notBase64 = pub(DRONE, DRONE_KEY, topic, "{\"eventTime\": \"" + now() + "\", \"frame\": \"%%%\"}");
    assertThat(notBase64.acknowledged()).isFalse();
    Run nothing = pub(DRONE, DRONE_KEY, topic, "{\"eventTime\": \"" + now() + "\", \"location\": {\"lat\": 42.6, \"lon\": 21.1}}");
    assertThat(nothing.acknowledged()).isFalse();
  }
}
