package io.corridor.tracking.osmand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.tracking.positions.TrackingOptions.SpeedUnit;
import io.corridor.tracking.testing.CapturedRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OsmAndDecoderTest {

  static final Instant NOW = Instant.parse("2026-11-30T08:10:00Z");
  final OsmAndDecoder decoder = new OsmAndDecoder(Clock.fixed(NOW, ZoneOffset.UTC), SpeedUnit.KNOTS);

  @Test
  void traccarClientQueryFormInKnotsAndEpochSeconds() {
    CapturedRequest request = CapturedRequest.load("osmand/traccar-client-android-query.http");
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.body()).isEmpty();
    OsmAndMessage m = decoder.decode(request.query());
    assertThat(m.deviceId()).isEqualTo("trk-durres-01");
    assertThat(m.key()).isEqualTo("trk-key-for-tests-only");
    Position p = m.positions().get(0);
    assertThat(p.getEventTime()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    assertThat(p.getLocation().getLat()).isEqualTo(41.3231);
    assertThat(p.getLocation().getLon()).isEqualTo(19.4415);
    assertThat(p.getSpeedKmh()).isCloseTo(61.86f, within(0.01f)); // 33.4 kn
    assertThat(p.getHeadingDeg()).isEqualTo(71f);
    assertThat(p.getAltitudeM()).isEqualTo(12f);
    assertThat(p.getAccuracyM()).isEqualTo(8f);
    assertThat(p.getBatteryPct()).isEqualTo(87f);
    assertThat(p.getSensors()).containsExactly(Map.entry("charge", true));
    assertThat(p.getEventId()).as("the validator derives the id").isEmpty();
  }

  @Test
  void osmandAppGetWithMillisecondsAndHdop() {
    OsmAndMessage m = decoder.decode(CapturedRequest.load("osmand/osmand-app-get.http").query());
    Position p = m.positions().get(0);
    assertThat(p.getEventTime()).isEqualTo(Instant.parse("2026-11-30T08:01:00Z"));
    assertThat(p.getSpeedKmh()).isCloseTo(44.63f, within(0.01f));
    assertThat(p.getHeadingDeg()).isEqualTo(40.5f);
    assertThat(p.getSensors()).containsEntry("hdop", 3.0);
  }

  @Test
  void formBodyWithSensorsAlarmsAndPlainTimestamp() {
    CapturedRequest request = CapturedRequest.load("osmand/tracker-form-body.http");
    assertThat(request.query()).isEmpty();
    OsmAndMessage m = decoder.decode(request.form());
    assertThat(m.deviceId()).as("deviceid also names the tracker").isEqualTo("trk-durres-01");
    Position p = m.positions().get(0);
    assertThat(p.getEventTime()).isEqualTo(Instant.parse("2026-11-30T08:02:00Z"));
    assertThat(p.getSpeedKmh()).isEqualTo(0f);
    assertThat(p.getTemperatureC()).isEqualTo(4.6f);
    assertThat(p.getSealClosed()).isTrue();
    assertThat(p.getAlarms()).containsExactly("tampering", "powerCut");
    assertThat(p.getSensors()).containsEntry("fuel", 412.5).containsEntry("temp1", 4.6).containsEntry("door", false)
        .containsEntry("seal", "closed").containsEntry("ignition", false)
        .doesNotContainKeys("key", "alarm", "deviceid", "lat", "lon", "timestamp");
  }

  @Test
  void locationParameterIsoTimestampAndRepeatedCells() {
    OsmAndMessage m = decoder.decode(CapturedRequest.load("osmand/tracker-location-iso.http").query());
    Position p = m.positions().get(0);
    assertThat(p.getLocation().getLat()).isEqualTo(41.92044);
    assertThat(p.getLocation().getLon()).isEqualTo(20.10377);
    assertThat(p.getEventTime()).isEqualTo(Instant.parse("2026-11-30T08:03:00Z"));
    assertThat(p.getHeadingDeg()).isEqualTo(12f);
    assertThat(p.getSensors()).containsEntry("cell", "276,1,100,200;276,1,100,201").containsEntry("driverUniqueId", "D-0042");
    assertThat(p.getFlags()).isEmpty();
  }

  @Test
  void legacyTrackerWithoutKey() {
    OsmAndMessage m = decoder.decode(CapturedRequest.load("osmand/legacy-without-key.http").query());
    assertThat(m.key()).isNull();
    assertThat(m.deviceId()).isEqualTo("trk-legacy-01");
  }

  @Test
  void badParametersAreNamed() {
    assertThatThrownBy(() -> decoder.decode(CapturedRequest.load("osmand/bad-lat-not-a-number.http").query()))
        .isInstanceOfSatisfying(IngestException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo("lat");
          assertThat(e.getMessage()).contains("41,3231");
        });
    assertThatThrownBy(() -> decoder.decode(Map.of("lat", List.of("41"), "lon", List.of("19"))))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.field()).isEqualTo("id"));
    assertThatThrownBy(() -> decoder.decode(Map.of("id", List.of("t"), "lat", List.of("41"))))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.field()).isEqualTo("lon"));
    assertThatThrownBy(() -> decoder.decode(Map.of("id", List.of("t"), "location", List.of("41"))))
        .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.field()).isEqualTo("location"));
    assertThatThrownBy(() -> decoder.decode(Map.of("id", List.of("t"), "lat", List.of("41"), "lon", List.of("19"),
        "timestamp", List.of("yesterday")))).isInstanceOfSatisfying(IngestException.class,
        e -> assertThat(e.field()).isEqualTo("timestamp"));
  }

  @Test
  void timestampFormsAsTraccarReadsThem() {
    assertThat(OsmAndTime.parse("1796025600", "t")).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    assertThat(OsmAndTime.parse("1796025600.5", "t")).isEqualTo(Instant.parse("2026-11-30T08:00:00.500Z"));
    assertThat(OsmAndTime.parse("1796025600123", "t")).isEqualTo(Instant.parse("2026-11-30T08:00:00.123Z"));
    assertThat(OsmAndTime.parse("2026-11-30T08:00:00+01:00", "t")).isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
    assertThat(OsmAndTime.parse("2026-11-30T08:00:00", "t")).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    assertThat(OsmAndTime.parse("2026-11-30 08:00:00", "t")).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
  }

  @Test
  void missingTimestampIsNowAndOtherSpeedUnits() {
    Map<String, List<String>> params = Map.of("id", List.of("t"), "lat", List.of("41"), "lon", List.of("19"),
        "speed", List.of("10"), "valid", List.of("false"));
    Position p = decoder.decode(params).positions().get(0);
    assertThat(p.getEventTime()).isEqualTo(NOW);
    assertThat(p.getFlags()).containsExactly("invalid-fix");
    assertThat(new OsmAndDecoder(Clock.systemUTC(), SpeedUnit.MPS).decode(params).positions().get(0).getSpeedKmh())
        .isEqualTo(36f);
    assertThat(new OsmAndDecoder(Clock.systemUTC(), SpeedUnit.KMH).decode(params).positions().get(0).getSpeedKmh())
        .isEqualTo(10f);
  }

  @Test
  void errorFieldsUseParameterNames() {
    assertThat(OsmAndDecoder.parameterNames().apply("speedKmh")).isEqualTo("speed");
    assertThat(OsmAndDecoder.parameterNames().apply("location.lat")).isEqualTo("lat");
    assertThat(OsmAndDecoder.parameterNames().apply("sensors.fuel")).isEqualTo("fuel");
  }
}
