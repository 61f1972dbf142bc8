package io.corridor.rules.engine;

import static io.corridor.rules.engine.EngineHarness.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.registry.RegistryRecord;
import io.corridor.rules.engine.site.VehicleClass;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestrictionRuleTest {

  static final String LORRY_BAN = """
      id: centre-hgv
      version: 1
      type: restricted-zone
      cameras: [cam-centre-n]
      timezone: Europe/Berlin
      windows: [{days: [mon, tue, wed, thu, fri, sat, sun], from: "07:00", to: "19:00"}]
      classes: [hgv>3.5t, hgv>7.5t]
      permits: centre-permits
      """;

  static final String NIGHT = """
      id: night-lorries
      version: 1
      type: restricted-zone
      cameras: [cam-ring]
      timezone: Europe/Berlin
      windows:
        - {days: [mon, tue, wed, thu, fri], from: "21:00", to: "07:00"}
        - {days: [sat, sun], from: "00:00", to: "24:00"}
      classes: [hgv>7.5t]
      """;

  static final String BUS_LANE = """
      id: bus-lane-main
      version: 1
      type: restricted-lane
      cameras: [cam-main-st]
      lanes: [3]
      timezone: Europe/Belgrade
      windows: [{from: "07:00", to: "10:00"}]
      allowedClasses: [bus]
      """;

  static final String LEZ = """
      id: lez-centre
      version: 1
      type: restricted-zone
      cameras: [cam-centre-n]
      timezone: Europe/Berlin
      minEuroClass: 5
      severity: INFO
      """;

  EngineHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new EngineHarness(Instant.parse("2026-01-01T00:00:00Z")).rule(LORRY_BAN).rule(NIGHT).rule(BUS_LANE).rule(LEZ);
    register("LKW1", VehicleClass.HGV_7_5T, 6);
    register("OLD1", VehicleClass.CAR, 4);
    register("BUS1", VehicleClass.BUS, 6);
    register("CAR1", VehicleClass.CAR, 6);
  }

  void register(String plate, VehicleClass cls, int euro) {
    Map<String, RegistryRecord> all = new java.util.HashMap<>();
    for (String p : List.of("LKW1", "OLD1", "BUS1", "CAR1")) {
      if (h.engine.parts().registry().lookup(h.protector.hash(p)) != null) {
        all.put(HexFormat.of().formatHex(h.protector.hash(p)), h.engine.parts().registry().lookup(h.protector.hash(p)));
      }
    }
    all.put(HexFormat.of().formatHex(h.protector.hash(plate)), new RegistryRecord(cls, euro, null, null));
    h.engine.parts().registry().replace(all);
  }

  List<String> rulesHit(String camera, String plate, String instant, Integer lane) throws Exception {
    return h.feed(read(camera, plate, Instant.parse(instant), null, lane)).stream().map(Violation::getRuleId).toList();
  }

  @Test
  void windowFollowsLocalTimeAcrossTheSpringChange() throws Exception {
    // 29 March 2026: Berlin goes from UTC+1 to UTC+2 at 02:00 local.
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-03-29T04:59:59Z", 1)).doesNotContain("centre-hgv"); // 06:59:59
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-03-29T05:00:00Z", 1)).contains("centre-hgv"); // 07:00 CEST
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-03-29T16:59:59Z", 1)).contains("centre-hgv"); // 18:59:59
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-03-29T17:00:00Z", 1)).doesNotContain("centre-hgv"); // 19:00
    // The day before, 07:00 local was 06:00 UTC.
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-03-28T05:30:00Z", 1)).doesNotContain("centre-hgv");
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-03-28T06:00:00Z", 1)).contains("centre-hgv");
  }

  @Test
  void windowFollowsLocalTimeAcrossTheAutumnChange() throws Exception {
    // 25 October 2026: Berlin goes back from UTC+2 to UTC+1 at 03:00 local; 19:00 is 18:00 UTC.
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-10-25T17:59:59Z", 1)).contains("centre-hgv");
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-10-25T18:00:00Z", 1)).doesNotContain("centre-hgv");
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-10-24T17:00:00Z", 1)).doesNotContain("centre-hgv"); // 19:00 CEST
  }

  @Test
  void overnightWindowBelongsToTheDayItStarts() throws Exception {
    assertThat(rulesHit("cam-ring", "LKW1", "2026-11-27T20:30:00Z", 1)).contains("night-lorries"); // Fri 21:30
    assertThat(rulesHit("cam-ring", "LKW1", "2026-11-27T05:59:59Z", 1)).contains("night-lorries"); // Fri 06:59:59, Thu's night
    assertThat(rulesHit("cam-ring", "LKW1", "2026-11-27T06:00:00Z", 1)).doesNotContain("night-lorries"); // Fri 07:00
    assertThat(rulesHit("cam-ring", "LKW1", "2026-11-28T12:00:00Z", 1)).contains("night-lorries"); // Saturday
    // Mon 06:00: Sunday's all-day window ended at 24:00 and Sunday starts no overnight window.
    assertThat(rulesHit("cam-ring", "LKW1", "2026-11-23T05:00:00Z", 1)).doesNotContain("night-lorries");
    assertThat(rulesHit("cam-ring", "LKW1", "2026-11-23T20:00:00Z", 1)).contains("night-lorries"); // Mon 21:00
  }

  @Test
  void permitExemptsUntilItEnds() throws Exception {
    h.engine.parts().permits().replace(Map.of("centre-permits",
        Map.of(HexFormat.of().formatHex(h.protector.hash("LKW1")), LocalDate.of(2026, 6, 30))));
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-06-30T10:00:00Z", 1)).doesNotContain("centre-hgv");
    assertThat(rulesHit("cam-centre-n", "LKW1", "2026-07-01T10:00:00Z", 1)).contains("centre-hgv");
  }

  @Test
  void unknownVehicleIsNeverFinedOnAGuess() throws Exception {
    assertThat(rulesHit("cam-centre-n", "NOTREG1", "2026-06-30T10:00:00Z", 1)).isEmpty();
    assertThat(rulesHit("cam-main-st", "NOTREG1", "2026-06-30T06:00:00Z", 3)).isEmpty();
  }

  @Test
  void busLaneOnlyInItsLaneAndWindowAndNotForBuses() throws Exception {
    // Belgrade is UTC+2 in summer: 07:00-10:00 local is 05:00-08:00 UTC.
    List<Violation> v = h.feed(read("cam-main-st", "CAR1", Instant.parse("2026-06-30T06:00:00Z"), null, 3));
    assertThat(v).singleElement().satisfies(x -> {
      assertThat(x.getKind()).isEqualTo(ViolationKind.RESTRICTED_LANE);
      assertThat(x.getDetails()).containsEntry("localTime", "2026-06-30T08:00").containsEntry("timeZone", "Europe/Belgrade");
    });
    assertThat(rulesHit("cam-main-st", "CAR1", "2026-06-30T06:00:00Z", 2)).isEmpty();
    assertThat(rulesHit("cam-main-st", "BUS1", "2026-06-30T06:00:00Z", 3)).isEmpty();
    assertThat(rulesHit("cam-main-st", "CAR1", "2026-06-30T08:00:00Z", 3)).isEmpty();
  }

  @Test
  void lowEmissionZoneByEuroClass() throws Exception {
    List<Violation> v = h.feed(read("cam-centre-n", "OLD1", Instant.parse("2026-06-30T22:00:00Z"), null, 1));
    assertThat(v).singleElement().satisfies(x -> {
      assertThat(x.getRuleId()).isEqualTo("lez-centre");
      assertThat(x.getSeverity()).isEqualTo("INFO");
      assertThat(x.getDetails()).containsEntry("euroClass", "4").containsEntry("minEuroClass", "5");
    });
    assertThat(rulesHit("cam-centre-n", "CAR1", "2026-06-30T22:00:00Z", 1)).isEmpty();
  }
}
