package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.config.ConfigException;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameOptionsTest {

  static FrameOptions options(Map<String, String> values) {
    return new FrameOptions(Settings.of(values));
  }

  @Test
  void defaultsGroupFramesAndHoldThemLongEnoughForEvidence() {
    FrameOptions o = options(Map.of());
    assertThat(o.grouping()).isTrue();
    assertThat(o.groupWindow()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.groupMaxSpan()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.groupMaxHeld()).isEqualTo(2000);
    assertThat(o.evidenceCacheTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.evidenceCacheBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(o.evidenceCacheFrames()).isEqualTo(2000);
  }

  @Test
  void groupingIsSwitchedOffByTheSwitchOrAZeroWindow() {
    assertThat(options(Map.of("anpr.grouping", "false")).grouping()).isFalse();
    assertThat(options(Map.of("anpr.group-window", "0")).grouping()).isFalse();
    assertThat(options(Map.of("anpr.group-window", "0s")).grouping()).isFalse();
    assertThat(options(Map.of("anpr.group-window", "300ms")).groupWindow()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void badValuesFailNamingTheKey() {
    assertThatThrownBy(() -> options(Map.of("anpr.group-window", "5s", "anpr.group-max-span", "4s")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("anpr.group-max-span");
    assertThatThrownBy(() -> options(Map.of("anpr.evidence-cache-ttl", "20s")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("anpr.evidence-cache-ttl");
    assertThatThrownBy(() -> options(Map.of("anpr.grouping", "maybe")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("anpr.grouping");
    assertThatThrownBy(() -> options(Map.of("anpr.evidence-cache-bytes", "-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("anpr.evidence-cache-bytes");
  }
}
