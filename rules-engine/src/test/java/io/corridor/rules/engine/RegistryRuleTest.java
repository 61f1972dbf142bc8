package io.corridor.rules.engine;

import static io.corridor.rules.engine.EngineHarness.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.rules.engine.registry.RegistryRecord;
import io.corridor.rules.engine.site.VehicleClass;
import io.corridor.testkit.Reads;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryRuleTest {

  static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  static final String RULE = """
      id: registry-xk
      version: 1
      type: registry
      countries: [XK]
      checks: [uninsured, unregistered, registration-expired]
      timezone: Europe/Belgrade
      """;

  EngineHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new EngineHarness(T).rule(RULE);
    h.engine.parts().registry().replace(Map.of(
        hex("01111AA"), new RegistryRecord(VehicleClass.CAR, 6, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 1)),
        hex("02222BB"), new RegistryRecord(VehicleClass.CAR, 6, LocalDate.of(2026, 11, 22), LocalDate.of(2027, 1, 1)),
        hex("03333CC"), new RegistryRecord(VehicleClass.CAR, 6, LocalDate.of(2027, 1, 1), LocalDate.of(2026, 11, 1)),
        hex("04444DD"), new RegistryRecord(VehicleClass.CAR, 6, LocalDate.of(2026, 11, 23), LocalDate.of(2027, 1, 1))));
  }

  String hex(String plate) {
    return HexFormat.of().formatHex(h.protector.hash(plate));
  }

  List<ViolationKind> kinds(String plate) throws Exception {
    return h.feed(read("cam-1", plate, T)).stream().map(Violation::getKind).toList();
  }

  @Test
  void checksInsuranceAndRegistrationOnTheReadsLocalDay() throws Exception {
    assertThat(kinds("01111AA")).isEmpty();
    assertThat(kinds("02222BB")).containsExactly(ViolationKind.UNINSURED_VEHICLE);
    assertThat(kinds("03333CC")).containsExactly(ViolationKind.REGISTRATION_EXPIRED);
    assertThat(kinds("04444DD")).as("cover runs to the end of its last day").isEmpty();
    assertThat(kinds("09999ZZ")).containsExactly(ViolationKind.UNREGISTERED_VEHICLE);
  }

  @Test
  void foreignPlatesAreNotInTheRegistry() throws Exception {
    PlateRead foreign = Reads.read("cam-1", "BG123AA", T).setCountry("RS").build();
    assertThat(h.feed(foreign)).isEmpty();
  }

  @Test
  void emptyRegistryNeverFlagsEveryone() throws Exception {
    h.engine.parts().registry().replace(Map.of());
    assertThat(kinds("09999ZZ")).isEmpty();
  }

  @Test
  void oneCasePerPlateAndDayHoweverManyCamerasSeeIt() throws Exception {
    Violation first = h.feed(read("cam-1", "02222BB", T)).getFirst();
    Violation second = h.feed(read("cam-2", "02222BB", T.plusSeconds(3600))).getFirst();
    Violation nextDay = h.feed(read("cam-2", "02222BB", T.plusSeconds(86400))).getFirst();
    assertThat(second.getEventId()).isEqualTo(first.getEventId());
    assertThat(nextDay.getEventId()).isNotEqualTo(first.getEventId());
    assertThat(first.getDetails()).containsEntry("reason", "insurance ended 2026-11-22");
  }
}
