package io.corridor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  static final ConfigKey BODY = new ConfigKey("ingest.max-body-bytes", "1048576", "limit");
  static final ConfigKey WINDOW = new ConfigKey("ingest.clock-skew", "2m", "skew");
  static final ConfigKey SECRET = new ConfigKey("api.jwt-secret", null, "secret");

  @Test
  void mapsDottedNamesToEnvironmentVariables() {
    assertThat(BODY.envName()).isEqualTo("CORRIDOR_INGEST_MAX_BODY_BYTES");
  }

  @Test
  void explicitValuesWinOverDefaults() {
    Settings settings = Settings.of(Map.of("ingest.max-body-bytes", "2048"));
    assertThat(settings.getInt(BODY)).isEqualTo(2048);
    assertThat(Settings.of(Map.of()).getInt(BODY)).isEqualTo(1_048_576);
  }

  @Test
  void parsesDurationsWithUnits() {
    assertThat(Settings.of(Map.of()).getDuration(WINDOW)).isEqualTo(Duration.ofMinutes(2));
    assertThat(Settings.of(Map.of("ingest.clock-skew", "250ms")).getDuration(WINDOW)).isEqualTo(Duration.ofMillis(250));
    assertThat(Settings.of(Map.of("ingest.clock-skew", "30d")).getDuration(WINDOW)).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void badValuesNameTheKeyTheVariableAndTheValue() {
    assertThatThrownBy(() -> Settings.of(Map.of("ingest.max-body-bytes", "lots")).getInt(BODY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.max-body-bytes").hasMessageContaining("CORRIDOR_INGEST_MAX_BODY_BYTES")
        .hasMessageContaining("'lots'");
    assertThatThrownBy(() -> Settings.of(Map.of("ingest.clock-skew", "2 minutes")).getDuration(WINDOW))
        .hasMessageContaining("ms, s, m, h or d");
    assertThatThrownBy(() -> Settings.of(Map.of()).require(SECRET)).hasMessageContaining("is required");
  }
}
