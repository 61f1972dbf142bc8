package io.corridor.tracking.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OwnTracksDecoderTest {

  static byte[] payload(String name) throws Exception {
    try (InputStream in = OwnTracksDecoderTest.class.getResourceAsStream("/payloads/mqtt/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void locationAsTheAppPublishesIt() throws Exception {
    Position p = new OwnTracksDecoder().decode(payload("owntracks-location.json")).orElseThrow();
    assertThat(p.getEventTime()).isEqualTo(Instant.parse("2026-11-30T08:07:00Z"));
    assertThat(p.getLocation().getLat()).isEqualTo(42.07219);
    assertThat(p.getSpeedKmh()).isEqualTo(62f);
    assertThat(p.getHeadingDeg()).isEqualTo(91f);
    assertThat(p.getAccuracyM()).isEqualTo(12f);
    assertThat(p.getAltitudeM()).isEqualTo(402f);
    assertThat(p.getBatteryPct()).isEqualTo(78f);
    assertThat(p.getSensors()).containsEntry("tid", "02").containsEntry("t", "u").containsEntry("conn", "m")
        .containsEntry("charge", false);
  }

  @Test
  void otherTypesCarryNoFixAndBrokenOnesAreRefused() throws Exception {
    assertThat(new OwnTracksDecoder().decode(payload("owntracks-lwt.json"))).isEmpty();
    assertThat(new OwnTracksDecoder().decode("{\"_type\":\"transition\",\"event\":\"enter\"}".getBytes())).isEmpty();
    assertThatThrownBy(() -> new OwnTracksDecoder().decode("{\"lat\": 1}".getBytes()))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.field()).isEqualTo("_type"));
    assertThatThrownBy(() -> new OwnTracksDecoder().decode("{\"_type\":\"location\",\"lat\":1,\"lon\":2}".getBytes()))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.field()).isEqualTo("tst"));
    assertThat(OwnTracksDecoder.fieldName("speedKmh")).isEqualTo("vel");
  }
}
