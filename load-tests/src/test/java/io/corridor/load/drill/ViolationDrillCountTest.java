package io.corridor.load.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.load.drill.ViolationDrill.Count;
import io.corridor.load.drill.ViolationDrill.Expectation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViolationDrillCountTest {

  static final Expectation SECTION = new Expectation("SIGKILL", "AVERAGE_SPEED", List.of("07V1001B", "07V1002C"),
      List.of("07V1003D"));

  @Test
  void everyOffenceOnceIsOk() {
    Count c = ViolationDrill.count("p", SECTION, Map.of("07V1001B", Set.of("a"), "07V1002C", Set.of("b"),
        "01OTHER", Set.of("c", "d")));
    assertThat(c).isEqualTo(new Count("p", "SIGKILL", "AVERAGE_SPEED", 2, 2, 0, 0));
    assertThat(c.ok()).isTrue();
  }

  @Test
  void anOffenceWithoutViolationIsLost() {
    Count c = ViolationDrill.count("p", SECTION, Map.of("07V1001B", Set.of("a")));
    assertThat(c.found()).isEqualTo(1);
    assertThat(c.lost()).isEqualTo(1);
    assertThat(c.ok()).isFalse();
  }

  @Test
  void twoIdsForOneOffenceOrAViolationOfAnInnocentPlateAreDoubled() {
    Count c = ViolationDrill.count("p", SECTION, Map.of("07V1001B", Set.of("a", "a2"), "07V1002C", Set.of("b"),
        "07V1003D", Set.of("x")));
    assertThat(c.lost()).isZero();
    assertThat(c.doubled()).isEqualTo(2);
    assertThat(c.ok()).isFalse();
  }
}
