package io.corridor.tracking.drones;

import static io.corridor.tracking.testing.TrackingFixture.DRONE;
import static io.corridor.tracking.testing.TrackingFixture.DRONE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.testkit.PlateImages;
import io.corridor.testkit.TestDatabase;
import io.corridor.testkit.MosquittoPub;
import io.corridor.testkit.MosquittoPub.Run;
import io.corridor.tracking.testing.TrackingFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A drone's frame published over MQTT goes through the built-in plate recognizer into plate_reads. */
class DroneFrameIT {

  static TrackingFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    MosquittoPub.install();
    fixture = TrackingFixture.start(TestDatabase.fresh("drone_frames"), Clock.systemUTC(), Map.of("anpr.engine", "builtin"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aFrameIsRecognisedStoredAsAReadAndAcknowledgedOnce() throws Exception {
    String frameId = UUID.randomUUID().toString();
    String detection = "{\"eventTime\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5)
        + "\", \"frameId\": \"" + frameId + "\", \"frame\": \""
        + Base64.getEncoder().encodeToString(PlateImages.plate("AB123CD")) + "\"}";
    String topic = "corridor/drones/" + DRONE + "/detections";
    Run run = MosquittoPub.publish(fixture.mqttPort, DRONE, DRONE_KEY, topic, detection.getBytes(), "mqttv311", 60);
    assertThat(run.acknowledged()).as(run.output()).isTrue();
    Run retry = MosquittoPub.publish(fixture.mqttPort, DRONE, DRONE_KEY, topic, detection.getBytes(), "mqttv311", 60);
    assertThat(retry.acknowledged()).as(retry.output()).isTrue();
    assertThat(fixture.count("SELECT count(*) FROM plate_reads WHERE device_id = '" + DRONE + "' AND '" + frameId
        + "' = ANY(frame_ids)")).isEqualTo(1);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (fixture.reads.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(fixture.reads).extracting(r -> r.getPlate()).contains("AB123CD");
  }
}
