package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IngestOptionsTest {

  static IngestOptions options(Map<String, String> values) {
    return new IngestOptions(Settings.of(values));
  }

  @Test
  void defaults() {
    IngestOptions o = options(Map.of());
    assertThat(o.maxBodyBytes()).isEqualTo(1_048_576);
    assertThat(o.maxBatch()).isEqualTo(2000);
    assertThat(o.clockSkew()).isEqualTo(Duration.ofMinutes(2));
    assertThat(o.maxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(o.queueCapacity()).isEqualTo(50_000);
    assertThat(o.commitBatch()).isEqualTo(5000);
    assertThat(o.writerThreads()).isEqualTo(2);
    assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.deviceReload()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void valuesAreRead() {
    IngestOptions o = options(Map.of("ingest.max-batch", "10", "ingest.writer.queue-capacity", "10",
        "ingest.clock-skew", "30s", "ingest.max-age", "48h", "ingest.retry-after", "1s", "ingest.writer.threads", "4"));
    assertThat(o.maxBatch()).isEqualTo(10);
    assertThat(o.queueCapacity()).isEqualTo(10);
    assertThat(o.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.maxAge()).isEqualTo(Duration.ofHours(48));
    assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.writerThreads()).isEqualTo(4);
  }

  @Test
  void queueSmallerThanABatchFailsNamingBothKeys() {
    assertThatThrownBy(() -> options(Map.of("ingest.max-batch", "100", "ingest.writer.queue-capacity", "99")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.writer.queue-capacity")
        .hasMessageContaining("CORRIDOR_INGEST_WRITER_QUEUE_CAPACITY")
        .hasMessageContaining("'99'")
        .hasMessageContaining("ingest.max-batch")
        .hasMessageContaining("100");
  }

  @Test
  void defaultMaxBatchAgainstASmallQueueFails() {
    assertThatThrownBy(() -> options(Map.of("ingest.writer.queue-capacity", "1999")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.writer.queue-capacity");
  }

  @Test
  void retryAfterBelowOneSecondFails() {
    assertThatThrownBy(() -> options(Map.of("ingest.retry-after", "500ms")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.retry-after")
        .hasMessageContaining("at least 1s");
    assertThatThrownBy(() -> options(Map.of("ingest.retry-after", "0s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.retry-after");
  }

  @Test
  void nonPositiveOrNonNumericCountsFailNamingTheKey() {
    for (ConfigKey key : new ConfigKey[] {IngestOptions.MAX_BODY_BYTES, IngestOptions.MAX_BATCH,
        IngestOptions.QUEUE_CAPACITY, IngestOptions.COMMIT_BATCH, IngestOptions.WRITER_THREADS}) {
      for (String bad : new String[] {"0", "-1", "many", "1.5"}) {
        assertThatThrownBy(() -> options(Map.of(key.name(), bad)))
            .as(key.name() + "=" + bad)
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(key.name())
            .hasMessageContaining(bad);
      }
    }
  }

  @Test
  void badDurationsFailNamingTheKey() {
    for (ConfigKey key : new ConfigKey[] {IngestOptions.CLOCK_SKEW, IngestOptions.MAX_AGE, IngestOptions.RETRY_AFTER,
        IngestOptions.WRITE_TIMEOUT, IngestOptions.DEVICE_RELOAD}) {
      assertThatThrownBy(() -> options(Map.of(key.name(), "ten seconds")))
          .as(key.name())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(key.name())
          .hasMessageContaining("ten seconds");
    }
  }

  @Test
  void everyKeyIsListedDocumentedAndHasAValidDefault() {
    assertThat(IngestOptions.KEYS).hasSize(10).doesNotHaveDuplicates();
    assertThat(IngestOptions.KEYS).allSatisfy(k -> {
      assertThat(k.name()).startsWith("ingest.");
      assertThat(k.description()).isNotBlank();
      assertThat(k.defaultValue()).isNotBlank();
    });
    Map<String, String> defaults = IngestOptions.KEYS.stream()
        .collect(Collectors.toMap(ConfigKey::name, ConfigKey::defaultValue));
    assertThat(options(defaults).maxBatch()).isEqualTo(2000);
  }

  @Test
  void environmentVariableNames() {
    assertThat(IngestOptions.MAX_BODY_BYTES.envName()).isEqualTo("CORRIDOR_INGEST_MAX_BODY_BYTES");
    assertThat(IngestOptions.DEVICE_RELOAD.envName()).isEqualTo("CORRIDOR_INGEST_DEVICES_RELOAD_INTERVAL");
  }
}
