package io.corridor.rules.engine;

import static io.corridor.rules.engine.EngineHarness.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.doc.RuleDocuments;
import io.corridor.rules.engine.registry.RegistryRecord;
import io.corridor.rules.engine.site.VehicleClass;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpotSpeedEngineTest {

  static final Instant T = Instant.parse("2026-11-23T10:15:30Z");

  static final String SITE = """
      device: cam-b6-laatzen
      name: B6 Laatzen southbound
      road: B6
      direction: S
      lanes: 2
      country: DE
      timezone: Europe/Berlin
      limits: {car: 120, bus: 100, hgv>3.5t: 80, hgv>7.5t: 80}
      laneLimits: {"2": {car: 100, hgv>3.5t: 60}}
      measurement: radar
      calibration: {certificate: PTB-2026-0411, validUntil: 2026-12-31}
      purpose: enforcement
      version: 1
      """;

  static final String RULE = """
      id: speed-de
      version: 3
      type: spot-speed
      tolerances:
        - country: DE
          bands: [{below: 100, kmh: 3}, {percent: 3}]
      """;

  EngineHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new EngineHarness(T).site("b6-km12", SITE).rule(RULE);
  }

  @Test
  void speedingReadBecomesAViolationCarryingRuleVersionSiteCalibrationAndTolerance() throws Exception {
    PlateRead r = read("cam-b6-laatzen", "HAL1234", T, 141f, 1);
    List<Violation> found = h.feed(r);

    assertThat(found).hasSize(1);
    Violation v = found.getFirst();
    assertThat(v.getKind()).isEqualTo(ViolationKind.SPEED);
    assertThat(v.getRuleId()).isEqualTo("speed-de");
    assertThat(v.getRuleVersion()).isEqualTo(3);
    assertThat(v.getSiteId()).isEqualTo("b6-km12");
    assertThat(v.getCalibrationCertificate()).isEqualTo("PTB-2026-0411");
    assertThat(v.getCalibrationValidUntil()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(v.getMeasured()).isEqualTo(141.0);
    assertThat(v.getTolerance()).isEqualTo(5.0);
    assertThat(v.getRetained()).isEqualTo(136.0);
    assertThat(v.getLimit()).isEqualTo(120.0);
    assertThat(v.getUnit()).isEqualTo("km/h");
    assertThat(v.getReadIds()).containsExactly(r.getEventId());
    assertThat(v.getDetails()).containsEntry("vehicleClass", "unknown").containsEntry("lane", "1");
    assertThat(v.getEventTime()).isEqualTo(T);
    assertThat(v.getReceivedTime()).isEqualTo(T.plusMillis(200));
    assertThat(v.toString()).doesNotContain("HAL1234");
  }

  @Test
  void theSameReadAgainGivesTheSameViolationId() throws Exception {
    PlateRead r = read("cam-b6-laatzen", "HAL1234", T, 141f, 1);
    assertThat(h.feed(r).getFirst().getEventId()).isEqualTo(h.feed(r).getFirst().getEventId());
  }

  @Test
  void aKnownBlindIndexGivesTheSameAnswer() throws Exception {
    PlateRead r = read("cam-b6-laatzen", "HAL1234", T, 141f, 1);
    h.moveTo(T.plusMillis(200));
    List<Violation> known = h.engine.evaluate(r, h.protector.hash("HAL1234")).toCompletableFuture().get();
    assertThat(known).isEqualTo(h.feed(r, T.plusMillis(200)));
  }

  @Test
  void withinToleranceIsNoViolation() throws Exception {
    assertThat(h.feed(read("cam-b6-laatzen", "HAL1234", T, 123f, 1))).isEmpty(); // 123 - 4 = 119
    assertThat(h.feed(read("cam-b6-laatzen", "HAL1234", T, 124f, 1))).isEmpty(); // 3.72 → 4: 120, the limit itself
    assertThat(h.feed(read("cam-b6-laatzen", "HAL1234", T, 125f, 1))).hasSize(1); // 3.75 → 4: 121
  }

  @Test
  void laneAndRegisteredVehicleClassChooseTheLimit() throws Exception {
    h.engine.parts().registry().replace(Map.of(
        java.util.HexFormat.of().formatHex(h.protector.hash("H0GV77")),
        new RegistryRecord(VehicleClass.HGV_3_5T, 6, null, null)));
    List<Violation> found = h.feed(read("cam-b6-laatzen", "H0GV77", T, 70f, 2)); // lane 2, hgv: 60
    assertThat(found).hasSize(1);
    assertThat(found.getFirst().getLimit()).isEqualTo(60.0);
    assertThat(found.getFirst().getDetails()).containsEntry("vehicleClass", "hgv>3.5t")
        .containsEntry("vehicleClassSource", "registry");
    assertThat(h.feed(read("cam-b6-laatzen", "CAR1", T, 70f, 2))).isEmpty(); // unknown class: lane's most lenient, 100
  }

  @Test
  void expiredCalibrationGivesNoViolationButACountedWarning() throws Exception {
    Instant afterExpiry = Instant.parse("2027-01-01T00:30:00Z"); // 01:30 in Berlin, the day after validUntil
    assertThat(h.feed(read("cam-b6-laatzen", "HAL1234", afterExpiry, 160f, 1), afterExpiry.plusSeconds(1))).isEmpty();
    assertThat(h.metrics.warnings("speed-de", "calibration_expired")).isEqualTo(1.0);

    Instant lastValidDay = Instant.parse("2026-12-31T22:30:00Z"); // 23:30 in Berlin on the last valid day
    assertThat(h.feed(read("cam-b6-laatzen", "HAL1234", lastValidDay, 160f, 1))).hasSize(1);
  }

  @Test
  void siteWithoutToleranceForItsCountryReportsNothingAndCounts() throws Exception {
    h.site("rs-1", SITE.replace("cam-b6-laatzen", "cam-rs-1").replace("country: DE", "country: RS"));
    assertThat(h.feed(read("cam-rs-1", "BG123AA", T, 180f, 1))).isEmpty();
    assertThat(h.metrics.warnings("speed-de", "no_tolerance")).isEqualTo(1.0);
  }

  @Test
  void aRuleThatThrowsIsIsolatedAndCounted() throws Exception {
    ReadRule broken = new ReadRule() {
      @Override
      public RuleRef ref() {
        return new RuleRef("broken", 1, "spot-speed");
      }

      @Override
      public void evaluate(ReadContext ctx, List<Violation> out) {
        out.add(Violation.newBuilder().setEventId("x").setDeviceId("x").setEventTime(T).setRuleId("broken")
            .setReadIds(List.of()).build());
        throw new IllegalStateException("bug");
      }
    };
    h.engine.rules().install(RuleDocuments.parse("id: broken\nversion: 1\ntype: spot-speed\ntolerances: []", null, null),
        broken);

    List<Violation> found = h.feed(read("cam-b6-laatzen", "HAL1234", T, 141f, 1));

    assertThat(found).extracting(Violation::getRuleId).containsExactly("speed-de");
    assertThat(h.metrics.failures("broken")).isEqualTo(1.0);
  }

  @Test
  void readWithoutSpeedOrOnACameraWithoutSiteIsIgnored() throws Exception {
    assertThat(h.feed(read("cam-b6-laatzen", "HAL1234", T, null, 1))).isEmpty();
    assertThat(h.feed(read("cam-elsewhere", "HAL1234", T, 200f, 1))).isEmpty();
  }
}
