package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JumpCheckTest {

  static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
  final JumpCheck check = new JumpCheck(300);

  static Position at(String device, int seconds, double lat, double lon) {
    return Position.newBuilder().setEventId("x").setDeviceId(device).setEventTime(T0.plusSeconds(seconds))
        .setLocation(new GeoPoint(lat, lon)).build();
  }

  Position checked(Position p) {
    check.check(p);
    return p;
  }

  @Test
  void distanceIsGreatCircle() {
    // Durrës to Prishtina, about 190 km as the crow flies.
    assertThat(JumpCheck.distanceKm(new GeoPoint(41.3231, 19.4415), new GeoPoint(42.6629, 21.1655)))
        .isCloseTo(203, within(15.0));
  }

  @Test
  void drivingIsPlausibleAndTeleportingIsFlagged() {
    assertThat(checked(at("t", 0, 41.30, 19.40)).getFlags()).isEmpty();
    // 1 km in 60 s: 60 km/h
    assertThat(checked(at("t", 60, 41.309, 19.40)).getFlags()).isEmpty();
    // 100 km in 60 s: 6000 km/h
    assertThat(checked(at("t", 120, 42.21, 19.40)).getFlags()).containsExactly(JumpCheck.FLAG);
    // back on the road: plausible from the last trusted fix
    assertThat(checked(at("t", 180, 41.318, 19.40)).getFlags()).isEmpty();
  }

  @Test
  void lateOutOfOrderFixesAreJudgedToo() {
    checked(at("t", 600, 41.30, 19.40));
    assertThat(checked(at("t", 300, 41.31, 19.40)).getFlags()).as("1.1 km five minutes earlier").isEmpty();
    assertThat(checked(at("t", 590, 41.80, 19.40)).getFlags()).as("55 km ten seconds earlier").containsExactly(JumpCheck.FLAG);
  }

  @Test
  void aWrongReferenceIsReplacedWhenTheNextFixAgreesWithTheCandidate() {
    checked(at("t", 0, 45.00, 19.40)); // a bad first fix
    assertThat(checked(at("t", 60, 41.30, 19.40)).getFlags()).containsExactly(JumpCheck.FLAG);
    assertThat(checked(at("t", 120, 41.305, 19.40)).getFlags()).isEmpty();
    assertThat(checked(at("t", 180, 41.310, 19.40)).getFlags()).isEmpty();
  }

  @Test
  void trackersAreJudgedSeparately() {
    checked(at("a", 0, 41.30, 19.40));
    assertThat(checked(at("b", 1, 42.60, 21.10)).getFlags()).isEmpty();
  }
}
