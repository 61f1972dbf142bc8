package io.corridor.tracking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each detector on a straight 0.5° route east of Durrës, fed (event, time) pairs by hand. */
class DetectorsTest {

  private static final Instant T0 = Instant.parse("2026-11-24T06:00:00Z");
  private static final String TRK = "trk-1";
  private static final LatLon START = new LatLon(41.3, 19.5);
  private static final LatLon END = new LatLon(41.3, 20.0);
  private static final Place CROSSING = new Place("Test crossing", new LatLon(41.3, 19.75), 500, null, "cam-x");
  private static final Place STOP = new Place("Rest area", new LatLon(41.3, 19.6), 300, Duration.ofMinutes(20), null);

  private final ShipmentMonitor monitor = new ShipmentMonitor(Duration.ZERO);
  private final List<AlertChange> changes = new ArrayList<>();
  /** Long gaps in hand-fed fixes are silences too; only the silence test looks at them. */
  private boolean ignoreSilence = true;

  private MonitorState state(Double minT, Double maxT, Instant eta) {
    return new MonitorState(new MonitorPlan("s-1", "fuel", Set.of(TRK), List.of(START, END), 2000, List.of(CROSSING),
        List.of(STOP), eta, minT, maxT, Duration.ofMinutes(30), List.of(Place.of("Other border", new LatLon(41.5, 19.9), 500)),
        Thresholds.defaults()), T0);
  }

  private MonitorState state() {
    return state(null, null, null);
  }

  private static LatLon along(double fraction) {
    return new LatLon(41.3, 19.5 + 0.5 * fraction);
  }

  private static TrackPoint fix(int minute, LatLon at) {
    return TrackPoint.at(TRK, T0.plus(Duration.ofMinutes(minute)), at);
  }

  private void feed(MonitorState s, TrackPoint p) {
    changes.addAll(monitor.fix(s, p, p.time()));
  }

  private List<String> raised() {
    return changes.stream().filter(AlertChange::raised).filter(this::counted).map(c -> c.alert().kind() + " " + c.alert().key()).toList();
  }

  private List<String> closed() {
    return changes.stream().filter(c -> !c.raised()).filter(this::counted).map(c -> c.alert().kind() + " " + c.alert().key()).toList();
  }

  private boolean counted(AlertChange c) {
    return !ignoreSilence || c.alert().kind() != AlertKind.TRACKER_SILENT;
  }

  private AlertChange change(int index) {
    return changes.stream().filter(this::counted).toList().get(index);
  }

  @Test
  void aShortExcursionOffTheCorridorIsNoAlertButALongOneIs() {
    MonitorState s = state();
    LatLon off = new LatLon(41.33, 19.55); // 3.3 km north
    feed(s, fix(0, along(0)));
    feed(s, fix(1, off));
    feed(s, fix(9, off));
    feed(s, fix(10, along(0.1)));
    assertThat(raised()).isEmpty();
    feed(s, fix(20, off));
    feed(s, fix(31, off));
    feed(s, fix(32, along(0.1)));
    assertThat(raised()).containsExactly("OFF_CORRIDOR route");
    assertThat(closed()).containsExactly("OFF_CORRIDOR route");
    assertThat(change(1).alert().details()).containsEntry("minutes", "12");
  }

  @Test
  void aDeclaredStopIsFineUntilItsMaximumStay() {
    MonitorState s = state();
    for (int m = 0; m <= 20; m++) {
      feed(s, fix(m, STOP.centre()));
    }
    assertThat(raised()).isEmpty();
    feed(s, fix(21, STOP.centre()));
    assertThat(raised()).containsExactly("UNPLANNED_STOP trk-1");
    assertThat(change(0).alert().reason()).contains("declared stop Rest area");
  }

  @Test
  void aStopOutsideDeclaredPlacesIsAnAlertAfterTheLimitAndClosesWhenMoving() {
    MonitorState s = state();
    LatLon lay = along(0.4);
    for (int m = 0; m <= 31; m++) {
      feed(s, fix(m, lay));
    }
    feed(s, fix(32, along(0.42))); // 1.7 km on in a minute: moving again (and no jump)
    assertThat(raised()).containsExactly("UNPLANNED_STOP trk-1");
    assertThat(closed()).containsExactly("UNPLANNED_STOP trk-1");
    assertThat(change(0).alert().openedAt()).isEqualTo(T0);
  }

  @Test
  void aSingleLowFuelReadingIsFilteredButASteadyDropIsNot() {
    MonitorState s = state();
    LatLon lay = along(0.3);
    for (int m = 0; m < 12; m++) {
      double fuel = m == 6 ? 29_000 : 30_000;
      feed(s, new TrackPoint(TRK, T0.plus(Duration.ofMinutes(m)), lay, 0.0, null, null, null, fuel, null, Set.of()));
    }
    assertThat(raised()).isEmpty();
    for (int m = 12; m < 24; m++) {
      feed(s, new TrackPoint(TRK, T0.plus(Duration.ofMinutes(m)), lay, 0.0, null, null, null, 30_000 - 20.0 * (m - 11), null,
          Set.of()));
    }
    assertThat(raised()).containsExactly("FUEL_DROP trk-1");
  }

  @Test
  void fuelFallingWhileDrivingIsNoTheft() {
    MonitorState s = state();
    for (int m = 0; m < 20; m++) {
      feed(s, new TrackPoint(TRK, T0.plus(Duration.ofMinutes(m)), along(m / 20.0), 60.0, null, null, null,
          30_000 - 100.0 * m, null, Set.of()));
    }
    assertThat(raised()).isEmpty();
  }

  @Test
  void theSealMayOpenAtTheDestinationOnly() {
    MonitorState s = state();
    feed(s, new TrackPoint(TRK, T0, along(0.2), 50.0, null, false, null, null, null, Set.of()));
    feed(s, new TrackPoint(TRK, T0.plusSeconds(60), along(0.21), 50.0, null, true, null, null, null, Set.of()));
    feed(s, new TrackPoint(TRK, T0.plusSeconds(120), END, 0.0, null, false, true, null, null, Set.of()));
    assertThat(raised()).containsExactly("SEAL_OPENED trk-1:seal");
    assertThat(closed()).containsExactly("SEAL_OPENED trk-1:seal");
  }

  @Test
  void coldChainNeedsMoreThanTheAllowedExcursionAndReportsThePeak() {
    MonitorState s = state(2.0, 8.0, null);
    double[] temps = {5, 9, 10.5, 9.5, 5};
    int[] minutes = {0, 1, 15, 32, 40};
    for (int i = 0; i < temps.length; i++) {
      feed(s, new TrackPoint(TRK, T0.plus(Duration.ofMinutes(minutes[i])), along(i / 10.0), 50.0, temps[i], null, null, null,
          null, Set.of()));
    }
    assertThat(raised()).containsExactly("COLD_CHAIN_BROKEN trk-1");
    CargoAlert closedAlert = change(1).alert();
    assertThat(closedAlert.details()).containsEntry("peakC", "10.5").containsEntry("minutes", "39");
    assertThat(closedAlert.closedAt()).isEqualTo(T0.plus(Duration.ofMinutes(40)));
  }

  @Test
  void aSilentTrackerIsRaisedByTheClockAndClosedByItsNextFixWithOneId() {
    ignoreSilence = false;
    MonitorState s = state();
    feed(s, fix(0, along(0)));
    changes.addAll(monitor.tick(s, T0.plus(Duration.ofMinutes(10))));
    assertThat(raised()).isEmpty();
    changes.addAll(monitor.tick(s, T0.plus(Duration.ofMinutes(16))));
    changes.addAll(monitor.tick(s, T0.plus(Duration.ofMinutes(17))));
    feed(s, fix(20, along(0.1)));
    assertThat(raised()).containsExactly("TRACKER_SILENT trk-1");
    assertThat(closed()).containsExactly("TRACKER_SILENT trk-1");
    assertThat(change(0).alert().id()).isEqualTo(change(1).alert().id());
  }

  @Test
  void deviceAlarmsOpenAndCloseAndLowBatteryHasHysteresis() {
    MonitorState s = state();
    feed(s, new TrackPoint(TRK, T0, along(0), 50.0, null, null, null, null, 14.0, Set.of("powerCut")));
    feed(s, new TrackPoint(TRK, T0.plusSeconds(60), along(0.01), 50.0, null, null, null, null, 18.0, Set.of()));
    assertThat(raised()).containsExactlyInAnyOrder("DEVICE_ALARM trk-1:powerCut", "DEVICE_ALARM trk-1:lowBattery");
    assertThat(closed()).containsExactly("DEVICE_ALARM trk-1:powerCut");
    feed(s, new TrackPoint(TRK, T0.plusSeconds(120), along(0.02), 50.0, null, null, null, null, 25.0, Set.of()));
    assertThat(closed()).containsExactly("DEVICE_ALARM trk-1:powerCut", "DEVICE_ALARM trk-1:lowBattery");
  }

  @Test
  void overdueByTheClockClosesOnArrival() {
    MonitorState s = state(null, null, T0.plus(Duration.ofHours(5)));
    changes.addAll(monitor.tick(s, T0.plus(Duration.ofHours(5))));
    assertThat(raised()).isEmpty();
    feed(s, fix(299, along(0.9)));
    changes.addAll(monitor.tick(s, T0.plus(Duration.ofMinutes(301))));
    changes.addAll(monitor.tick(s, T0.plus(Duration.ofMinutes(302))));
    changes.addAll(monitor.end(s, T0.plus(Duration.ofMinutes(330))));
    assertThat(raised()).contains("OVERDUE eta");
    assertThat(closed()).contains("OVERDUE eta");
  }

  @Test
  void theDeclaredCrossingsCameraMustReadThePlate() {
    MonitorState s = state();
    feed(s, fix(0, CROSSING.centre()));
    feed(s, fix(29, along(0.55)));
    assertThat(raised()).isEmpty();
    feed(s, fix(31, along(0.6)));
    assertThat(raised()).as("the camera still gets a minute by the clock").isEmpty();
    changes.addAll(monitor.tick(s, T0.plus(Duration.ofMinutes(32))));
    assertThat(raised()).containsExactly("CROSSING_NOT_READ Test crossing");
    changes.addAll(monitor.sighting(s, new PlateSighting("r-1", "cam-x", T0.plus(Duration.ofMinutes(1)), CROSSING.centre()),
        T0.plus(Duration.ofMinutes(33))));
    assertThat(closed()).containsExactly("CROSSING_NOT_READ Test crossing");
  }

  @Test
  void aReadNearTheTrackerIsFineAndOneFarAwayIsAnAlertEvenWhenItArrivesFirst() {
    MonitorState s = state();
    PlateSighting far = new PlateSighting("r-far", "cam-far", T0.plus(Duration.ofMinutes(5)), new LatLon(41.6, 19.5));
    changes.addAll(monitor.sighting(s, far, far.time()));
    feed(s, fix(0, along(0)));
    assertThat(raised()).isEmpty();
    feed(s, fix(10, along(0.1)));
    assertThat(raised()).containsExactly("PLATE_SEEN_OFF_ROUTE plate");
    PlateSighting near = new PlateSighting("r-near", "cam-near", T0.plus(Duration.ofMinutes(10)), along(0.1));
    changes.addAll(monitor.sighting(s, near, near.time()));
    assertThat(closed()).containsExactly("PLATE_SEEN_OFF_ROUTE plate");
  }

  @Test
  void anUndeclaredBorderIsAnAlertWhileThere() {
    MonitorState s = state();
    feed(s, fix(0, new LatLon(41.5, 19.9)));
    feed(s, fix(1, new LatLon(41.52, 19.9)));
    assertThat(raised()).containsExactly("UNDECLARED_BORDER Other border");
    assertThat(closed()).containsExactly("UNDECLARED_BORDER Other border");
  }

  @Test
  void aFixOlderThanOneJudgedIsCountedLateAndNotJudged() {
    MonitorState s = state();
    feed(s, fix(10, along(0.1)));
    feed(s, fix(5, new LatLon(41.5, 19.9)));
    assertThat(s.lateFixes()).isEqualTo(1);
    assertThat(raised()).isEmpty();
  }

  @Test
  void afterTheEndNothingIsJudged() {
    MonitorState s = state();
    feed(s, fix(0, along(0)));
    changes.addAll(monitor.end(s, T0.plusSeconds(30)));
    feed(s, fix(1, new LatLon(41.5, 19.9)));
    changes.addAll(monitor.tick(s, T0.plus(Duration.ofHours(3))));
    assertThat(raised()).isEmpty();
    assertThat(s.ended()).isTrue();
  }

  /** What the database keeps of an episode a lost monitor raised: the alert, open. */
  private static CargoAlert stored(AlertKind kind, String key, int minute, Map<String, String> details) {
    Instant opened = T0.plus(Duration.ofMinutes(minute));
    return new CargoAlert(CargoAlert.idOf("s-1", kind, key, opened), "s-1", kind, key, "WARNING", TRK, opened, null,
        "as raised before", details);
  }

  private MonitorState resumed(Double minT, Double maxT, CargoAlert... open) {
    MonitorState fresh = state(minT, maxT, null);
    return new MonitorState(fresh.plan(), T0.plus(Duration.ofMinutes(60)), List.of(open));
  }

  @Test
  void aMonitorStartedAgainContinuesAnOpenAlertUnderItsIdAndClosesItWhenItClears() {
    CargoAlert open = stored(AlertKind.OFF_CORRIDOR, "route", 20, Map.of("maxDistanceM", "5706"));
    MonitorState s = resumed(null, null, open);
    assertThat(s.openAlerts()).extracting(CargoAlert::id).containsExactly(open.id());
    LatLon off = new LatLon(41.33, 19.55); // 3.3 km north, less than the stored peak
    feed(s, fix(61, off));
    feed(s, fix(75, off));
    assertThat(raised()).isEmpty(); // the episode goes on: not raised a second time
    feed(s, fix(80, along(0.1)));
    assertThat(closed()).containsExactly("OFF_CORRIDOR route");
    CargoAlert closedAlert = change(0).alert();
    assertThat(closedAlert.id()).isEqualTo(open.id());
    assertThat(closedAlert.openedAt()).isEqualTo(open.openedAt());
    assertThat(closedAlert.details()).containsEntry("maxDistanceM", "5706").containsEntry("minutes", "60");
  }

  @Test
  void aColdChainBreakContinuedAfterARestartKeepsItsPeak() {
    CargoAlert open = stored(AlertKind.COLD_CHAIN_BROKEN, TRK, 10, Map.of("peakC", "10.5"));
    MonitorState s = resumed(2.0, 8.0, open);
    feed(s, new TrackPoint(TRK, T0.plus(Duration.ofMinutes(61)), along(0.1), 50.0, 9.0, null, null, null, null, Set.of()));
    feed(s, new TrackPoint(TRK, T0.plus(Duration.ofMinutes(62)), along(0.1), 50.0, 5.0, null, null, null, null, Set.of()));
    assertThat(raised()).isEmpty();
    assertThat(closed()).containsExactly("COLD_CHAIN_BROKEN trk-1");
    assertThat(change(0).alert().details()).containsEntry("peakC", "10.5");
    assertThat(change(0).alert().id()).isEqualTo(open.id());
  }

  @Test
  void endingAMonitorStartedAgainClosesTheAlertsItContinued() {
    CargoAlert open = stored(AlertKind.DEVICE_ALARM, "tamper", 30, Map.of());
    CargoAlert elsewhere = new CargoAlert("x", "another-shipment", AlertKind.OFF_CORRIDOR, "route", "WARNING", TRK, T0, null,
        "not this shipment's", Map.of());
    MonitorState s = resumed(null, null, open, elsewhere);
    assertThat(s.openAlerts()).extracting(CargoAlert::id).containsExactly(open.id());
    changes.addAll(monitor.end(s, T0.plus(Duration.ofMinutes(90))));
    assertThat(closed()).containsExactly("DEVICE_ALARM tamper");
    assertThat(change(0).alert().closedAt()).isEqualTo(T0.plus(Duration.ofMinutes(90)));
  }
}
