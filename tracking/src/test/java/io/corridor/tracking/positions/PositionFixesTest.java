package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.EventIds;
import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PositionFixesTest {

  @Test
  void blankIsWhatTheBuilderMakes() {
    Instant t = Instant.parse("2026-11-30T08:00:00Z");
    Position built = Position.newBuilder().setEventId("").setDeviceId("trk").setEventTime(t)
        .setLocation(new GeoPoint(41.0, 19.0)).build();
    Position blank = PositionFixes.blank("", "trk", t, new GeoPoint(41.0, 19.0));
    assertThat(blank).isEqualTo(built);
    blank.getAlarms().add("sos"); // mutable, like the builder's
    blank.getFlags().add("x");
    blank.getSensors().put("fuel", 1.0);
  }

  @Test
  void derivedIdIsTheDeterministicEventId() {
    for (String device : new String[] {"trk-durres-01", "é-ü-ß", ""}) {
      for (long millis : new long[] {0, 1796025600123L, -5}) {
        Instant t = Instant.ofEpochMilli(millis);
        assertThat(PositionValidator.derivedId(device, t))
            .isEqualTo(EventIds.deterministic("position", device, String.valueOf(millis)));
      }
    }
  }

  @Test
  void typedSensorValuesAsBefore() {
    assertThat(SensorValues.typed(" TRUE ")).isEqualTo(true);
    assertThat(SensorValues.typed("False")).isEqualTo(false);
    assertThat(SensorValues.typed("12.5")).isEqualTo(12.5);
    assertThat(SensorValues.typed("-1e3")).isEqualTo(-1000.0);
    assertThat(SensorValues.typed("0x1p3")).isEqualTo("0x1p3");
    assertThat(SensorValues.typed("12d")).isEqualTo("12d");
    assertThat(SensorValues.typed("3f")).isEqualTo("3f");
    assertThat(SensorValues.typed("NaN")).isEqualTo("NaN");
    assertThat(SensorValues.typed("Infinity")).isEqualTo("Infinity");
    assertThat(SensorValues.typed("1e999")).isEqualTo("1e999");
    assertThat(SensorValues.typed("1-2")).isEqualTo("1-2");
    assertThat(SensorValues.typed("")).isEqualTo("");
    assertThat(SensorValues.typed("closed")).isEqualTo("closed");
    assertThat(SensorValues.typed("truee")).isEqualTo("truee");
  }
}
