package io.corridor.rules.engine;

import static io.corridor.rules.engine.EngineHarness.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.section.LocalJourneyStore;
import io.corridor.rules.engine.signal.LocalSignalStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Section pairing through the engine, with pairing state in this JVM; the cluster version is in {@code SectionPairingClusterTest}. */
class SectionPairingTest {

  static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  final LocalJourneyStore journeys = new LocalJourneyStore();
  EngineHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new EngineHarness(T0, journeys, new LocalSignalStore()).rule(SectionFixtures.CHAIN);
    SectionFixtures.sites(h);
  }

  @Test
  void journeyOverTwoChainedSectionsIsOneViolationForTheWorstOvershoot() throws Exception {
    PlateRead k10 = read("cam-a2-k10", "H0AB123", T0);
    PlateRead k15 = read("cam-a2-k15", "H0AB123", T0.plusSeconds(150)); // 5 km in 150 s (+1 s): 119.2 km/h
    PlateRead k21 = read("cam-a2-k21", "H0AB123", T0.plusSeconds(300)); // 6 km in 150 s (+1 s): 143.04 km/h

    assertThat(h.feed(k10)).isEmpty();
    assertThat(h.feed(k15)).as("the first section offends, but the journey goes on").isEmpty();
    List<Violation> found = h.feed(k21);

    assertThat(found).hasSize(1);
    Violation v = found.getFirst();
    assertThat(v.getKind()).isEqualTo(ViolationKind.AVERAGE_SPEED);
    assertThat(v.getRuleId()).isEqualTo("section-a2");
    assertThat(v.getRuleVersion()).isEqualTo(2);
    assertThat(v.getReadIds()).containsExactly(k15.getEventId(), k21.getEventId());
    assertThat(v.getDetails()).containsEntry("sectionId", "A2-2").containsEntry("travelMillis", "150000")
        .containsEntry("clockSkewAllowanceMillis", "1000").containsEntry("entryCalibrationCertificate", "PTB-S-15");
    assertThat(v.getMeasured()).isEqualTo(143.04);
    assertThat(v.getTolerance()).isEqualTo(5.0);
    assertThat(v.getRetained()).isEqualTo(138.0);
    assertThat(v.getLimit()).isEqualTo(100.0);
    assertThat(v.getSiteId()).isEqualTo("a2-k21");
    assertThat(v.getCalibrationCertificate()).isEqualTo("PTB-S-21");

    assertThat(h.feed(k21).getFirst().getEventId()).as("a re-run of the exit read").isEqualTo(v.getEventId());
    assertThat(h.sweep(T0.plus(Duration.ofHours(3)))).isEmpty();
    assertThat(journeys.size()).isZero();
  }

  @Test
  void nonOffendingJourneyLeavesNoStateOnceItEnds() throws Exception {
    assertThat(h.feed(read("cam-a2-k10", "BG1234", T0))).isEmpty();
    assertThat(h.feed(read("cam-a2-k15", "BG1234", T0.plusSeconds(200)))).isEmpty(); // 89.6 km/h
    assertThat(journeys.size()).isEqualTo(1); // waiting for the second section
    assertThat(h.feed(read("cam-a2-k21", "BG1234", T0.plusSeconds(440)))).isEmpty();
    assertThat(journeys.size()).isZero();
  }

  @Test
  void readsArrivingOutOfOrderPairTheSameWay() throws Exception {
    PlateRead k10 = read("cam-a2-k10", "ZG55A", T0);
    PlateRead k15 = read("cam-a2-k15", "ZG55A", T0.plusSeconds(120)); // 149.1 km/h
    h.moveTo(T0.plusSeconds(130));
    assertThat(h.feed(k15)).isEmpty();
    List<Violation> found = h.feed(k10);
    assertThat(journeys.size()).isEqualTo(1); // k15 may still start the second section
    assertThat(found).isEmpty();
    h.engine.onLateViolations(v -> CompletableFuture.completedFuture(null));
    List<Violation> late = h.sweep(T0.plusSeconds(120).plus(Duration.ofHours(1)));
    assertThat(late).hasSize(1);
    assertThat(late.getFirst().getReadIds()).containsExactly(k10.getEventId(), k15.getEventId());
    assertThat(journeys.size()).isZero();
  }

  @Test
  void offenceOnAJourneyThatLeavesTheChainIsReportedWhenItsWindowCloses() throws Exception {
    List<List<Violation>> sunk = new ArrayList<>();
    h.engine.onLateViolations(v -> {
      sunk.add(v);
      return CompletableFuture.completedFuture(null);
    });
    h.feed(read("cam-a2-k10", "PE100XK", T0));
    h.feed(read("cam-a2-k15", "PE100XK", T0.plusSeconds(150)));
    assertThat(h.sweep(T0.plusSeconds(150).plus(Duration.ofMinutes(59)))).as("window still open").isEmpty();
    assertThat(journeys.size()).isEqualTo(1);

    List<Violation> late = h.sweep(T0.plusSeconds(150).plus(Duration.ofHours(1)));

    assertThat(late).hasSize(1);
    assertThat(late.getFirst().getDetails()).containsEntry("sectionId", "A2-1");
    assertThat(sunk).containsExactly(late);
    assertThat(journeys.size()).isZero();
  }

  @Test
  void sweepWithoutSinkKeepsDueOffencesForTheNextSweep() throws Exception {
    h.feed(read("cam-a2-k10", "PE100XK", T0));
    h.feed(read("cam-a2-k15", "PE100XK", T0.plusSeconds(150)));
    assertThat(h.sweep(T0.plus(Duration.ofHours(2)))).isEmpty();
    assertThat(journeys.size()).isEqualTo(1);
  }

  @Test
  void clockSkewAllowanceDecidesABorderlineCase() throws Exception {
    String noTolerance = """
        id: s-%s
        version: 1
        type: section-speed
        clockSkew: %s
        tolerance: {bands: [{kmh: 0}]}
        sections: [{id: S, entry: cam-x1, exit: cam-x2, distanceMeters: 2000, limits: {car: 100}}]
        """;
    EngineHarness withSkew = new EngineHarness(T0).rule(noTolerance.formatted("skew", "1s"));
    EngineHarness without = new EngineHarness(T0).rule(noTolerance.formatted("exact", "0s"));
    for (EngineHarness e : List.of(withSkew, without)) {
      e.feed(read("cam-x1", "KS001", T0));
    }
    PlateRead exit = read("cam-x2", "KS001", T0.plusSeconds(71)); // 101.4 km/h; with 1 s more: 100.0
    assertThat(withSkew.feed(exit)).isEmpty();
    List<Violation> exact = without.feed(exit);
    assertThat(exact).hasSize(1);
    assertThat(exact.getFirst().getMeasured()).isEqualTo(101.40);
  }

  @Test
  void exitBeforeEntryInTimeNeverPairs() throws Exception {
    h.feed(read("cam-a2-k15", "AA11", T0));
    assertThat(h.feed(read("cam-a2-k10", "AA11", T0.plusSeconds(60)))).isEmpty();
    assertThat(h.sweep(T0.plus(Duration.ofHours(2)))).isEmpty();
  }

  @Test
  void twoReadsAtOneCameraWithinAMinuteAreOnePassage() throws Exception {
    PlateRead first = read("cam-a2-k10", "DUP1", T0);
    h.feed(first);
    h.feed(read("cam-a2-k10", "DUP1", T0.plusSeconds(2)));
    List<Violation> found = new ArrayList<>(h.feed(read("cam-a2-k15", "DUP1", T0.plusSeconds(120))));
    found.addAll(h.sweep(T0.plus(Duration.ofHours(2))));
    assertThat(found).isEmpty(); // no sink: nothing reported; the journey is kept
    h.engine.onLateViolations(v -> CompletableFuture.completedFuture(null));
    List<Violation> late = h.sweep(T0.plus(Duration.ofHours(2)));
    assertThat(late).singleElement().satisfies(v -> assertThat(v.getReadIds().getFirst()).isEqualTo(first.getEventId()));
  }

  @Test
  void expiredCalibrationAtTheExitGivesNoViolation() throws Exception {
    h.site("a2-k21", SectionFixtures.site("a2-k21", "cam-a2-k21", "PTB-OLD").replace("2027-06-30", "2026-01-31")
        .replace("name:", "version: 2\nname:"));
    h.feed(read("cam-a2-k10", "OLD1", T0));
    h.feed(read("cam-a2-k15", "OLD1", T0.plusSeconds(200)));
    assertThat(h.feed(read("cam-a2-k21", "OLD1", T0.plusSeconds(300)))).isEmpty(); // 6 km in 100 s
    assertThat(h.metrics.warnings("section-a2", "calibration_expired")).isEqualTo(1.0);
    assertThat(journeys.size()).isEqualTo(1); // the offence's tombstone answers re-runs until its window ends
  }

  @Test
  void timeOfDayLimitIsTheOneInForceAtEntryInLocalTime() throws Exception {
    h.engine.onLateViolations(v -> CompletableFuture.completedFuture(null));
    // 5 km in 150 s (+1 s): 119.2 km/h, retained 115: over 100 by day, under 130 at night.
    Instant lastDayMinute = Instant.parse("2026-11-23T17:59:00Z"); // 18:59 in Berlin
    Instant night = Instant.parse("2026-11-23T18:00:00Z"); // 19:00 in Berlin
    h.feed(read("cam-a2-k10", "DAY1", lastDayMinute));
    h.feed(read("cam-a2-k15", "DAY1", lastDayMinute.plusSeconds(150)));
    h.feed(read("cam-a2-k10", "NIGHT1", night));
    h.feed(read("cam-a2-k15", "NIGHT1", night.plusSeconds(150)));
    List<Violation> late = h.sweep(night.plus(Duration.ofHours(2)));
    assertThat(late).singleElement().satisfies(v -> {
      assertThat(v.getLimit()).isEqualTo(100.0);
      assertThat(v.getEventTime()).isEqualTo(lastDayMinute.plusSeconds(150));
    });
  }

  @Test
  void pairingWindowAndPurposeAreVisibleToTheReadStore() throws Exception {
    assertThat(h.engine.pairingWindow("cam-a2-k15")).isEqualTo(Duration.ofHours(1).plusSeconds(1));
    assertThat(h.engine.pairingWindow("cam-elsewhere")).isZero();
    assertThat(h.engine.purposeOf("cam-a2-k15")).isEqualTo(io.corridor.rules.engine.site.SitePurpose.ENFORCEMENT);
    assertThat(h.engine.purposeOf("cam-elsewhere")).isEqualTo(io.corridor.rules.engine.site.SitePurpose.NETWORK);
  }
}
