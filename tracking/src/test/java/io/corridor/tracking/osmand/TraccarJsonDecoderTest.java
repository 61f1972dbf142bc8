package io.corridor.tracking.osmand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.tracking.testing.CapturedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraccarJsonDecoderTest {

  final TraccarJsonDecoder decoder = new TraccarJsonDecoder();

  @Test
  void traccarClientNineLocation() {
    CapturedRequest request = CapturedRequest.load("traccar/traccar-client-json.http");
    OsmAndMessage m = decoder.decode(request.body(), request.query().get("key").get(0));
    assertThat(m.deviceId()).isEqualTo("trk-durres-01");
    assertThat(m.key()).isEqualTo("trk-key-for-tests-only");
    Position p = m.positions().get(0);
    assertThat(p.getEventTime()).isEqualTo(Instant.parse("2026-11-30T08:04:00.512Z"));
    assertThat(p.getLocation().getLat()).isEqualTo(42.0123);
    assertThat(p.getSpeedKmh()).isCloseTo(81f, within(0.01f)); // 22.5 m/s
    assertThat(p.getHeadingDeg()).isEqualTo(85.2f);
    assertThat(p.getAltitudeM()).isEqualTo(410.3f);
    assertThat(p.getAccuracyM()).isEqualTo(6.1f);
    assertThat(p.getBatteryPct()).isCloseTo(64f, within(0.001f));
    assertThat(p.getSensors()).containsEntry("motion", true).containsEntry("odometer", 15230.4)
        .containsEntry("event", "motionchange").containsEntry("activity", "in_vehicle").containsEntry("charge", false);
  }

  @Test
  void minusOneMeansUnknownAndExtrasAreSensors() {
    CapturedRequest request = CapturedRequest.load("traccar/traccar-client-json-unknown-values.http");
    Position p = decoder.decode(request.body(), null).positions().get(0);
    assertThat(p.getSpeedKmh()).isNull();
    assertThat(p.getHeadingDeg()).isNull();
    assertThat(p.getAccuracyM()).isNull();
    assertThat(p.getBatteryPct()).isNull();
    assertThat(p.getTemperatureC()).isEqualTo(5.1f);
    assertThat(p.getSealClosed()).isNull();
    assertThat(p.getSensors()).containsEntry("fuel", 398.0).containsEntry("door", "closed").containsEntry("motion", false);
  }

  @Test
  void batchSyncArrayOfLocations() {
    String body = """
        {"device_id":"trk-1","location":[
          {"timestamp":"2026-11-30T08:00:00Z","coords":{"latitude":41.1,"longitude":19.1}},
          {"timestamp":"2026-11-30T08:01:00Z","coords":{"latitude":41.2,"longitude":19.2}}]}""";
    assertThat(decoder.decode(body.getBytes(StandardCharsets.UTF_8), null).positions()).hasSize(2);
  }

  @Test
  void badFieldsAreNamed() {
    CapturedRequest request = CapturedRequest.load("traccar/bad-latitude-as-string.http");
    assertThatThrownBy(() -> decoder.decode(request.body(), null))
        .isInstanceOfSatisfying(IngestException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo("location.coords.latitude");
        });
    assertThatThrownBy(() -> decoder.decode("{\"location\":{}}".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.field()).isEqualTo("device_id"));
    assertThatThrownBy(() -> decoder.decode("{\"device_id\":\"x\",\"location\":{\"coords\":{}}}".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.field()).isEqualTo("location.timestamp"));
    assertThatThrownBy(() -> decoder.decode("{\"device_id\":".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.error()).isEqualTo("malformed_body"));
    assertThat(TraccarJsonDecoder.fieldNames().apply("speedKmh")).isEqualTo("location.coords.speed");
  }
}
