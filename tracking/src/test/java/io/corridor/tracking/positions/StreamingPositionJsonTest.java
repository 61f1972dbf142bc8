package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.JsonFields;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming fast path reads exactly what the tree decoder reads, or leaves the payload to it. */
class StreamingPositionJsonTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"eventTime\":1796025600123,\"location\":{\"lat\":41.32,\"lon\":19.45},\"speedKmh\":61.5,\"headingDeg\":45,"
          + "\"batteryPct\":90,\"temperatureC\":4.5,\"sensors\":{\"fuel\":29999.2,\"temp1\":4.5}}",
      "{\"eventId\":\"123e4567-e89b-12d3-a456-426614174000\",\"deviceId\":\"trk-1\",\"eventTime\":\"2026-11-30T08:00:00Z\","
          + "\"shipmentId\":\"S-1\",\"location\":{\"lon\":19,\"lat\":41,\"alt\":3},\"sealClosed\":false,\"altitudeM\":12,"
          + "\"accuracyM\":3.5,\"alarms\":[\"sos\",\"powerCut\"],\"sensors\":{\"door\":true,\"note\":\"x\",\"n\":1e3},"
          + "\"future\":{\"nested\":[1,2,{\"a\":null}]}}",
      "{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2},\"speedKmh\":null,\"alarms\":null,\"sensors\":null,\"shipmentId\":null}"})
  void sameAsTheTree(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    Position fast = StreamingPositionJson.read(body);
    assertThat(fast).isNotNull().isEqualTo(PositionJsonDecoder.position(JsonFields.parse(body), ""));
    assertThat(new PositionJsonDecoder().decode(body)).containsExactly(fast);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2}}]",
      "{\"positions\":[{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2}}]}",
      "{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2},\"speedKmh\":\"fast\"}",
      "{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2},\"speedKmh\":1,\"speedKmh\":2}",
      "{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2},\"sensors\":{\"a\":{\"b\":1}}}",
      "{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2},\"sensors\":{\"a\":null}}",
      "{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2}}{}",
      "{\"eventTime\":1.5,\"location\":{\"lat\":1,\"lon\":2}}",
      "{\"eventTime\":1,\"location\":{\"lat\":1}}",
      "{\"location\":{\"lat\":1,\"lon\":2}}",
      "{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2}",
      "{\"eventTime\":99999999999999999999999,\"location\":{\"lat\":1,\"lon\":2}}",
      "{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2},\"alarms\":[1]}"})
  void leftToTheTree(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    assertThat(StreamingPositionJson.read(body)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"eventTime\":1,\"location\":{\"lat\":1,\"lon\":2},\"speedKmh\":\"fast\"}",
      "{\"eventTime\":1,\"location\":{\"lat\":1}}", "{\"location\":{\"lat\":1,\"lon\":2}}", "{\"eventTime\":1,"})
  void errorsStillNameTheField(String json) {
    assertThatThrownBy(() -> new PositionJsonDecoder().decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(400));
  }
}
