package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class PositionAvroDecoderTest {

  static byte[] container(Position... positions) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<Position> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Position.class))) {
      writer.create(Position.getClassSchema(), out);
      for (Position p : positions) {
        writer.append(p);
      }
    }
    return out.toByteArray();
  }

  static Position position() {
    return Position.newBuilder().setEventId("").setDeviceId("trk-1").setEventTime(Instant.parse("2026-11-30T08:00:00Z"))
        .setLocation(new GeoPoint(41.3, 19.4))
        .setSensors(Map.of("door", "open", "fuel", 412.5, "ignition", true)).setAlarms(List.of("sos"))
        .setFlags(List.of("forged-by-sender")).build();
  }

  @Test
  void sensorValuesComeBackAsJavaTypesAndSenderFlagsAreDropped() throws Exception {
    Position p = new PositionAvroDecoder().decode(container(position()), 10).get(0);
    assertThat(p.getSensors().get("door")).isInstanceOf(String.class).isEqualTo("open");
    assertThat(p.getSensors().keySet()).allMatch(k -> k instanceof String);
    assertThat(p.getSensors().get("fuel")).isEqualTo(412.5);
    assertThat(p.getSensors().get("ignition")).isEqualTo(true);
    assertThat(p.getFlags()).isEmpty();
    assertThat(PositionRows.encode(List.of(withTimes(p)))).isNotEmpty();
  }

  @Test
  void tooManyOrNoneOrGarbageAreRefused() throws Exception {
    assertThatThrownBy(() -> new PositionAvroDecoder().decode(container(position(), position()), 1))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(413));
    assertThatThrownBy(() -> new PositionAvroDecoder().decode(container(), 10))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.error()).isEqualTo("malformed_body"));
    byte[] cut = container(position());
    assertThatThrownBy(() -> new PositionAvroDecoder().decode(java.util.Arrays.copyOf(cut, cut.length - 20), 10))
        .isInstanceOf(IngestException.class);
  }

  private static Position withTimes(Position p) {
    p.setEventId("5d2c1f0e-1a2b-4c3d-9e8f-0a1b2c3d4e5f");
    p.setReceivedTime(Instant.parse("2026-11-30T08:00:01Z"));
    return p;
  }
}
