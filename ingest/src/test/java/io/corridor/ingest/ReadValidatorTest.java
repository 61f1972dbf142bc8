package io.corridor.ingest;

import io.corridor.platform.devices.DeviceKeys;

import io.corridor.platform.devices.DeviceRegistry;

import io.corridor.platform.devices.Device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.testkit.Reads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadValidatorTest {

  static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  static final Duration SKEW = Duration.ofMinutes(2);
  static final Duration MAX_AGE = Duration.ofDays(7);

  static final Device CAMERA = new Device("cam-prishtina-01", "camera", DeviceKeys.digest("k1"), true);
  static final Device OTHER_CAMERA = new Device("cam-peja-02", "camera", DeviceKeys.digest("k2"), true);
  static final Device DRONE = new Device("drone-07", "drone", DeviceKeys.digest("k3"), true);
  static final Device TRACKER = new Device("trk-0042", "tracker", DeviceKeys.digest("k4"), true);

  final DeviceRegistry registry = registry();
  final ReadValidator validator = new ReadValidator(registry, Clock.fixed(NOW, ZoneOffset.UTC), SKEW, MAX_AGE);

  static DeviceRegistry registry() {
    DeviceRegistry r = new DeviceRegistry();
    r.replace(Map.of(CAMERA.id(), CAMERA, OTHER_CAMERA.id(), OTHER_CAMERA, DRONE.id(), DRONE, TRACKER.id(), TRACKER));
    return r;
  }

  static PlateRead valid() {
    return Reads.read(CAMERA.id(), "01234AB", NOW.minusSeconds(5)).build();
  }

  static PlateRead valid(Consumer<PlateRead> change) {
    PlateRead r = valid();
    change.accept(r);
    return r;
  }

  IngestException rejected(PlateRead read) {
    return rejected(List.of(read), CAMERA);
  }

  IngestException rejected(List<PlateRead> reads, Device sender) {
    IngestException e = catchThrowableOfType(IngestException.class, () -> validator.validate(reads, sender));
    assertThat(e).as("expected the batch to be refused").isNotNull();
    return e;
  }

  void accepted(PlateRead read) {
    assertThatCode(() -> validator.validate(List.of(read), CAMERA)).doesNotThrowAnyException();
  }

  void assertInvalid(PlateRead read, String field) {
    IngestException e = rejected(read);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.error()).isEqualTo("validation_failed");
    assertThat(e.field()).isEqualTo(field);
  }

  // --- identity ---------------------------------------------------------------------------

  @Test
  void validReadIsAcceptedAndStampedWithTheClockTime() {
    PlateRead read = valid(r -> r.setReceivedTime(Instant.parse("2000-01-01T00:00:00Z")));
    accepted(read);
    assertThat(read.getReceivedTime()).isEqualTo(NOW);
  }

  @Test
  void eventIdIsCanonicalisedToLowerCase() {
    PlateRead read = valid(r -> r.setEventId("0B6A7A8E-8F0E-4F38-9D7E-6A2B1C3D4E5F"));
    accepted(read);
    assertThat(read.getEventId()).isEqualTo("0b6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e5f");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not-a-uuid", "0b6a7a8e8f0e4f389d7e6a2b1c3d4e5f", "0b6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e5",
      "0b6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e5fa", "zb6a7a8e-8f0e-4f38-9d7e-6a2b1c3d4e5f"})
  void eventIdMustBeAUuid(String id) {
    assertInvalid(valid(r -> r.setEventId(id)), "eventId");
  }

  @Test
  void unknownDeviceIsRefusedAsUnknownCamera() {
    IngestException e = rejected(valid(r -> r.setDeviceId("cam-nowhere")));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.field()).isEqualTo("deviceId");
    assertThat(e.getMessage()).contains("unknown camera").contains("cam-nowhere");
  }

  @Test
  void readClaimingAnotherRegisteredDeviceIsForbidden() {
    IngestException e = rejected(valid(r -> r.setDeviceId(OTHER_CAMERA.id())));
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.field()).isEqualTo("deviceId");
    assertThat(e.getMessage()).contains(CAMERA.id()).contains(OTHER_CAMERA.id());
  }

  @Test
  void trackerMayNotSendPlateReads() {
    PlateRead read = Reads.read(TRACKER.id(), "01234AB", NOW).build();
    IngestException e = rejected(List.of(read), TRACKER);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.field()).isEqualTo("deviceId");
    assertThat(e.getMessage()).contains("tracker");
  }

  @Test
  void droneMaySendPlateReads() {
    PlateRead read = Reads.read(DRONE.id(), "01234AB", NOW).setLocation(new GeoPoint(42.66, 21.16)).build();
    assertThatCode(() -> validator.validate(List.of(read), DRONE)).doesNotThrowAnyException();
  }

  // --- time ----------------------------------------------------------------------------------

  @Test
  void eventTimeExactlyAtTheClockSkewIsAccepted() {
    accepted(valid(r -> r.setEventTime(NOW.plus(SKEW))));
  }

  @Test
  void eventTimeBeyondTheClockSkewIsRefused() {
    IngestException e = rejected(valid(r -> r.setEventTime(NOW.plus(SKEW).plusMillis(1))));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.field()).isEqualTo("eventTime");
    assertThat(e.getMessage()).contains("future");
  }

  @Test
  void eventTimeExactlyAtTheMaximumAgeIsAccepted() {
    accepted(valid(r -> r.setEventTime(NOW.minus(MAX_AGE))));
  }

  @Test
  void eventTimeOlderThanTheMaximumAgeIsRefused() {
    IngestException e = rejected(valid(r -> r.setEventTime(NOW.minus(MAX_AGE).minusMillis(1))));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.field()).isEqualTo("eventTime");
    assertThat(e.getMessage()).contains("older");
  }

  // --- plate ---------------------------------------------------------------------------------

  @Test
  void plateIsNormalised() {
    PlateRead read = valid(r -> r.setPlate("01-234-ab"));
    accepted(read);
    assertThat(read.getPlate()).isEqualTo("01234AB");
  }

  @Test
  void serbianLettersAreAcceptedAndUpperCased() {
    PlateRead read = valid(r -> r.setPlate("bg 123-čćđšž"));
    accepted(read);
    assertThat(read.getPlate()).isEqualTo("BG123ČĆĐŠŽ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "-A-", "ABCDEFGHIJKLM", "01234AB!", "BG_123", "ÄB123", "АВ123", "01/234", ""})
  void badPlatesAreRefused(String plate) {
    assertInvalid(valid(r -> r.setPlate(plate)), "plate");
  }

  @Test
  void plateLengthBoundaries() {
    accepted(valid(r -> r.setPlate("AB")));
    accepted(valid(r -> r.setPlate("ABCDEFGHIJKL")));
    accepted(valid(r -> r.setPlate("ABC-DEF-GHI-JKL"))); // 12 once separators are removed
  }

  // --- measured values -----------------------------------------------------------------------

  @Test
  void confidenceRange() {
    accepted(valid(r -> r.setConfidence(0f)));
    accepted(valid(r -> r.setConfidence(1f)));
    assertInvalid(valid(r -> r.setConfidence(-0.01f)), "confidence");
    assertInvalid(valid(r -> r.setConfidence(1.01f)), "confidence");
    assertInvalid(valid(r -> r.setConfidence(Float.NaN)), "confidence");
    assertInvalid(valid(r -> r.setConfidence(Float.POSITIVE_INFINITY)), "confidence");
  }

  @Test
  void countryIsOptionalButMustBeAlpha2UpperCase() {
    accepted(valid(r -> r.setCountry(null)));
    accepted(valid(r -> r.setCountry("RS")));
    assertInvalid(valid(r -> r.setCountry("rs")), "country");
    assertInvalid(valid(r -> r.setCountry("SRB")), "country");
    assertInvalid(valid(r -> r.setCountry("X")), "country");
    assertInvalid(valid(r -> r.setCountry("")), "country");
  }

  @Test
  void locationRanges() {
    accepted(valid(r -> r.setLocation(null)));
    accepted(valid(r -> r.setLocation(new GeoPoint(90.0, 180.0))));
    accepted(valid(r -> r.setLocation(new GeoPoint(-90.0, -180.0))));
    assertInvalid(valid(r -> r.setLocation(new GeoPoint(90.0001, 21.0))), "location");
    assertInvalid(valid(r -> r.setLocation(new GeoPoint(-90.0001, 21.0))), "location");
    assertInvalid(valid(r -> r.setLocation(new GeoPoint(42.0, 180.0001))), "location");
    assertInvalid(valid(r -> r.setLocation(new GeoPoint(42.0, -180.0001))), "location");
    assertInvalid(valid(r -> r.setLocation(new GeoPoint(Double.NaN, 21.0))), "location");
    assertInvalid(valid(r -> r.setLocation(new GeoPoint(42.0, Double.NaN))), "location");
  }

  @Test
  void laneRange() {
    accepted(valid(r -> r.setLane(null)));
    accepted(valid(r -> r.setLane(0)));
    accepted(valid(r -> r.setLane(16)));
    assertInvalid(valid(r -> r.setLane(-1)), "lane");
    assertInvalid(valid(r -> r.setLane(17)), "lane");
  }

  @Test
  void speedRange() {
    accepted(valid(r -> r.setSpeedKmh(null)));
    accepted(valid(r -> r.setSpeedKmh(0f)));
    accepted(valid(r -> r.setSpeedKmh(400f)));
    assertInvalid(valid(r -> r.setSpeedKmh(-0.5f)), "speedKmh");
    assertInvalid(valid(r -> r.setSpeedKmh(400.5f)), "speedKmh");
    assertInvalid(valid(r -> r.setSpeedKmh(Float.NaN)), "speedKmh");
  }

  @Test
  void frameIdsAllowOnlyTheirCharset() {
    accepted(valid(r -> r.setFrameIds(List.of("cam-01_f.0001:a", "x".repeat(64)))));
    for (String bad : List.of("", "x".repeat(65), "a b", "a,b", "{a}", "a\"b", "främe", "a\\b", "a/b")) {
      assertInvalid(valid(r -> r.setFrameIds(List.of("ok-1", bad))), "frameIds");
    }
  }

  // --- batches -------------------------------------------------------------------------------

  @Test
  void fieldPathsInBatchesCarryTheIndex() {
    PlateRead good = valid();
    PlateRead bad = valid(r -> r.setLane(99));
    IngestException e = rejected(List.of(good, valid(), bad), CAMERA);
    assertThat(e.field()).isEqualTo("reads[2].lane");
  }

  @Test
  void aSingleReadHasNoIndexInItsFieldPath() {
    assertInvalid(valid(r -> r.setLane(99)), "lane");
  }

  @Test
  void forbiddenDeviceInABatchNamesTheIndex() {
    IngestException e = rejected(List.of(valid(), valid(r -> r.setDeviceId(OTHER_CAMERA.id()))), CAMERA);
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.field()).isEqualTo("reads[1].deviceId");
  }

  @Test
  void everyReadOfAnAcceptedBatchIsNormalisedAndStamped() {
    List<PlateRead> batch = List.of(valid(r -> r.setPlate("ab 12")), valid(r -> r.setPlate("cd.34")));
    validator.validate(batch, CAMERA);
    assertThat(batch).extracting(PlateRead::getPlate).containsExactly("AB12", "CD34");
    assertThat(batch).extracting(PlateRead::getReceivedTime).containsOnly(NOW);
  }
}
