package io.corridor.load.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesBenchOptionsTest {

  @Test
  void defaultsAndBothSpellings() {
    assertThat(RulesBenchOptions.parse(List.of())).isEqualTo(new RulesBenchOptions(5, 2, 1000, 200_000, 2));
    assertThat(RulesBenchOptions.parse(List.of("--seconds", "3", "--warmup=0", "--in-flight=64", "--rounds", "1")))
        .isEqualTo(new RulesBenchOptions(3, 0, 64, 200_000, 1));
    assertThat(RulesBenchOptions.parse(List.of("--help"))).isNull();
  }

  @Test
  void badOptionsNameThemselves() {
    assertThatThrownBy(() -> RulesBenchOptions.parse(List.of("--secs", "3"))).hasMessage("unknown option --secs");
    assertThatThrownBy(() -> RulesBenchOptions.parse(List.of("--plates=-1")))
        .hasMessage("--plates must be a positive whole number, got '-1'");
    assertThatThrownBy(() -> RulesBenchOptions.parse(List.of("--rounds"))).hasMessage("--rounds needs a value");
  }
}
