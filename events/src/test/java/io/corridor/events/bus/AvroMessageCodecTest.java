package io.corridor.events.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.events.Alert;
import io.corridor.events.AlertKind;
import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.events.Severity;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroMessageCodecTest {

  private final AvroMessageCodec codec = new AvroMessageCodec();

  @Test
  void roundTripsDifferentRecordTypesThroughOneCodec() {
    PlateRead read = PlateRead.newBuilder()
        .setEventId("7d1f0c52-7d2e-4a55-9a43-2a0c8f3f9c11").setDeviceId("cam-1")
        .setEventTime(Instant.ofEpochMilli(1_000)).setReceivedTime(Instant.ofEpochMilli(2_000))
        .setPlate("AB123CD").setConfidence(0.8f).setLocation(new GeoPoint(42.66, 21.16))
        .setFrameIds(List.of("f-1")).build();
    Alert alert = Alert.newBuilder().setEventId("a").setDeviceId("cam-1").setEventTime(Instant.ofEpochMilli(1_000))
        .setKind(AlertKind.HOTLIST_MATCH).setSeverity(Severity.CRITICAL).setRuleId("hotlist")
        .setSubjectId("r").setReason("stolen").build();

    Buffer wire = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(wire, read);
    int second = wire.length();
    codec.encodeToWire(wire, alert);

    assertThat(codec.decodeFromWire(6, wire)).isEqualTo(read);
    assertThat(codec.decodeFromWire(second, wire)).isEqualTo(alert);
  }

  @Test
  void localDeliveryGetsACopyNotTheSameInstance() {
    Alert alert = Alert.newBuilder().setEventId("a").setDeviceId("d").setEventTime(Instant.EPOCH)
        .setKind(AlertKind.OTHER).setSeverity(Severity.INFO).setRuleId("r").setSubjectId("s").setReason("x").build();
    assertThat(codec.transform(alert)).isEqualTo(alert).isNotSameAs(alert);
  }

  @Test
  void refusesClassesOutsideTheEventPackage() {
    Buffer wire = Buffer.buffer();
    byte[] name = "java.lang.Runtime".getBytes();
    wire.appendInt(name.length).appendBytes(name).appendInt(0);
    assertThatThrownBy(() -> codec.decodeFromWire(0, wire)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Runtime");
  }
}
