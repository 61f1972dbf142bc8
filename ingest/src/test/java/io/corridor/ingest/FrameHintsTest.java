package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which country the engine is told to expect: the frame's header over the cameras' configured country. */
class FrameHintsTest {

  @Test
  void aFrameWithoutHeaderGetsTheConfiguredCountry() {
    assertThat(FrameService.hintsFor(null, "US").country()).isEqualTo("US");
    assertThat(FrameService.hintsFor("  ", "US").country()).isEqualTo("US");
  }

  @Test
  void theFramesOwnHeaderWins() {
    assertThat(FrameService.hintsFor("rs", "US").country()).isEqualTo("RS");
  }

  @Test
  void neitherGivesNoHint() {
    assertThat(FrameService.hintsFor(null, null).country()).isNull();
    assertThat(FrameService.hintsFor("", null).country()).isNull();
  }

  @Test
  void theConfiguredCountryIsAnIsoCodeOrNothing() {
    assertThat(FrameOptionsTest.options(Map.of()).defaultCountry()).isNull();
    assertThat(FrameOptionsTest.options(Map.of("anpr.default-country", "us")).defaultCountry()).isEqualTo("US");
    assertThatThrownBy(() -> FrameOptionsTest.options(Map.of("anpr.default-country", "USA")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("anpr.default-country");
  }
}
