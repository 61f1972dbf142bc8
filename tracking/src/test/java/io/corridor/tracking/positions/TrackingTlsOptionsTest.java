package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.config.ConfigException;
import io.corridor.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OsmAnd and MQTT listeners follow the HTTP listener's rule: plain only on loopback or when allowed. */
class TrackingTlsOptionsTest {

  static TrackingOptions options(Map<String, String> values) {
    return new TrackingOptions(Settings.of(values));
  }

  @Test
  void plainListenersOnLoopbackAreAllowedAndElsewhereOnlyWhenAsked() {
    assertThat(options(Map.of()).osmandTls().enabled()).isFalse();
    assertThat(options(Map.of()).mqttTls().enabled()).isFalse();
    assertThatThrownBy(() -> options(Map.of("mqtt.host", "0.0.0.0"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("mqtt.tls.cert").hasMessageContaining("mqtt.allow-plain");
    assertThatThrownBy(() -> options(Map.of("tracking.osmand.host", "0.0.0.0"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("tracking.osmand.tls.cert").hasMessageContaining("tracking.osmand.allow-plain");
    assertThat(options(Map.of("mqtt.host", "0.0.0.0", "mqtt.allow-plain", "true")).mqttTls().enabled()).isFalse();
    assertThat(options(Map.of("tracking.osmand.host", "0.0.0.0", "tracking.osmand.allow-plain", "true")).osmandTls()
        .enabled()).isFalse();
  }

  @Test
  void certificateAndKeyGoTogetherAndMustBeReadable() throws Exception {
    Path pem = Files.createTempFile("listener", ".pem");
    assertThatThrownBy(() -> options(Map.of("mqtt.tls.cert", pem.toString()))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("go together");
    assertThatThrownBy(() -> options(Map.of("tracking.osmand.tls.cert", "/nowhere/c.pem", "tracking.osmand.tls.key",
        pem.toString()))).isInstanceOf(ConfigException.class).hasMessageContaining("not a readable file");
    TrackingOptions tls = options(Map.of("mqtt.host", "0.0.0.0", "mqtt.tls.cert", pem.toString(), "mqtt.tls.key",
        pem.toString(), "tracking.osmand.host", "0.0.0.0", "tracking.osmand.tls.cert", pem.toString(),
        "tracking.osmand.tls.key", pem.toString()));
    assertThat(tls.mqttTls().enabled()).isTrue();
    assertThat(tls.osmandTls().enabled()).isTrue();
  }
}
