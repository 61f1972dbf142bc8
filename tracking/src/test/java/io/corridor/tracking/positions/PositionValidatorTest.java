package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.platform.devices.Device;
import io.corridor.tracking.osmand.OsmAndDecoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PositionValidatorTest {

  static final Instant NOW = Instant.parse("2026-11-30T08:10:00Z");
  static final TrackerIdentity SENDER = new TrackerIdentity(new Device("trk-1", "tracker", new byte[32], true), true);
  final PositionValidator validator = new PositionValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(2),
      Duration.ofDays(7), 300);

  static Position position() {
    return Position.newBuilder().setEventId("").setDeviceId("trk-1").setEventTime(NOW.minusSeconds(60))
        .setLocation(new GeoPoint(41.3, 19.4)).build();
  }

  @Test
  void stampsWhatCorridorAddsAndDerivesMissingIds() {
    Position p = position();
    validator.validate(List.of(p), new TrackerIdentity(SENDER.device(), false), "osmand", UnaryOperator.identity());
    assertThat(p.getReceivedTime()).isEqualTo(NOW);
    assertThat(p.getAuthenticated()).isFalse();
    assertThat(p.getProtocol()).isEqualTo("osmand");
    assertThat(p.getEventId()).isEqualTo(PositionValidator.derivedId("trk-1", NOW.minusSeconds(60)));
    Position again = position();
    validator.validate(List.of(again), SENDER, "mqtt-json", UnaryOperator.identity());
    assertThat(again.getEventId()).as("the same fix by another protocol is the same event").isEqualTo(p.getEventId());
  }

  @Test
  void edgeIdsAreCanonicalUuids() {
    Position p = position();
    p.setEventId("0B6A7A8E-8F0E-4F38-9D7E-6A2B1C3D4E5F");
    validator.validate(List.of(p), SENDER, "corridor-json", UnaryOperator.identity());
    assertThat(p.getEventId()).isEqualTo("0b6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e5f");
    refused(x -> x.setEventId("not-a-uuid"), "eventId");
  }

  @Test
  void impossibleValuesAreRefusedWithTheFieldNamed() {
    refused(p -> p.setLocation(new GeoPoint(91.0, 19.0)), "location.lat");
    refused(p -> p.setLocation(new GeoPoint(41.0, -181.0)), "location.lon");
    refused(p -> p.setLocation(new GeoPoint(Double.NaN, 19.0)), "location.lat");
    refused(p -> p.setLocation(new GeoPoint(0.0, 0.0)), "location");
    refused(p -> p.setSpeedKmh(301f), "speedKmh");
    refused(p -> p.setSpeedKmh(-1f), "speedKmh");
    refused(p -> p.setHeadingDeg(361f), "headingDeg");
    refused(p -> p.setBatteryPct(101f), "batteryPct");
    refused(p -> p.setAltitudeM(20_000f), "altitudeM");
    refused(p -> p.setEventTime(NOW.plusSeconds(300)), "eventTime");
    refused(p -> p.setEventTime(NOW.minus(Duration.ofDays(8))), "eventTime");
    refused(p -> p.setSensors(Map.of("bad name", 1.0)), "sensors");
    refused(p -> p.setSensors(Map.of("fuel", Double.POSITIVE_INFINITY)), "sensors.fuel");
    refused(p -> p.setAlarms(List.of("sos; drop table")), "alarms");
  }

  @Test
  void anotherTrackersPositionIsForbidden() {
    Position p = position();
    p.setDeviceId("trk-2");
    assertThatThrownBy(() -> validator.validate(List.of(p), SENDER, "corridor-json", UnaryOperator.identity()))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void batchErrorsNameTheIndexAndProtocolNames() {
    Position good = position();
    Position bad = position();
    bad.setSpeedKmh(500f);
    assertThatThrownBy(() -> validator.validate(List.of(good, bad), SENDER, "x", UnaryOperator.identity()))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.field()).isEqualTo("positions[1].speedKmh"));
    Position single = position();
    single.setSpeedKmh(500f);
    assertThatThrownBy(() -> validator.validate(List.of(single), SENDER, "osmand", OsmAndDecoder.parameterNames()))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.field()).isEqualTo("speed"));
  }

  private void refused(Consumer<Position> change, String field) {
    Position p = position();
    change.accept(p);
    assertThatThrownBy(() -> validator.validate(new ArrayList<>(List.of(p)), SENDER, "x", UnaryOperator.identity()))
        .as(field)
        .isInstanceOfSatisfying(IngestException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo(field);
        });
  }
}
