package io.corridor.tracking.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

class LocalProjectionTest {

  private static final LatLon DURRES = new LatLon(41.3130, 19.4530);
  private static final LatLon PRISHTINA = new LatLon(42.6630, 21.1640);

  @Test
  void planeDistancesMatchGreatCircleDistancesAcrossTheRegion() {
    LocalProjection plane = new LocalProjection(new LatLon(42.0, 20.3));
    Coordinate a = plane.project(DURRES);
    Coordinate b = plane.project(PRISHTINA);
    double great = LocalProjection.distanceM(DURRES, PRISHTINA);
    assertThat(great).isBetween(200_000.0, 210_000.0);
    assertThat(a.distance(b)).isCloseTo(great, within(great * 0.001));
  }

  @Test
  void aDegreeOfLongitudeIsShorterThanADegreeOfLatitudeHere() {
    LocalProjection plane = new LocalProjection(DURRES);
    Coordinate east = plane.project(new LatLon(41.3130, 20.4530));
    Coordinate north = plane.project(new LatLon(42.3130, 19.4530));
    assertThat(east.x).isCloseTo(83_600, within(300.0));
    assertThat(north.y).isCloseTo(111_200, within(300.0));
  }

  @Test
  void unprojectInvertsProject() {
    LocalProjection plane = new LocalProjection(DURRES);
    LatLon back = plane.unproject(plane.project(PRISHTINA));
    assertThat(back.lat()).isCloseTo(PRISHTINA.lat(), within(1e-9));
    assertThat(back.lon()).isCloseTo(PRISHTINA.lon(), within(1e-9));
  }

  @Test
  void theCorridorIsHalfItsWidthOnEachSide() {
    CorridorGeometry corridor = new CorridorGeometry(java.util.List.of(DURRES, new LatLon(41.3130, 19.6)), 2000);
    assertThat(corridor.inside(new LatLon(41.3130 + 900 / 111_200.0, 19.5))).isTrue();
    assertThat(corridor.inside(new LatLon(41.3130 + 1100 / 111_200.0, 19.5))).isFalse();
    assertThat(corridor.distanceToRouteM(new LatLon(41.3130 + 1100 / 111_200.0, 19.5))).isCloseTo(1100, within(5.0));
  }

  @Test
  void theSeriesAsinAgreesWithTheJdksOverEveryDistance() {
    for (double s = 0; s < 0.2; s += 1e-4) {
      assertThat(LocalProjection.asin(s)).as("asin(%s)", s).isCloseTo(Math.asin(s), within(1e-15 + Math.asin(s) * 1e-13));
    }
    assertThat(LocalProjection.asin(1)).isEqualTo(Math.PI / 2);
  }

  @Test
  void distanceIsTheHaversineGreatCircle() {
    // Durrës to Prishtina: 206.2 km great circle (haversine on the mean Earth radius)
    assertThat(LocalProjection.distanceM(DURRES, PRISHTINA)).isCloseTo(206_223, within(1.0));
    assertThat(LocalProjection.distanceM(DURRES, DURRES)).isZero();
    assertThat(LocalProjection.distanceM(new LatLon(0, 0), new LatLon(0, 180))).isCloseTo(Math.PI * 6_371_008.8, within(1_000.0));
  }
}
