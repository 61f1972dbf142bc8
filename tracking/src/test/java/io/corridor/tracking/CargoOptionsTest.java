package io.corridor.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.config.ConfigException;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CargoOptionsTest {

  @Test
  void judgingIntervalAndBatchDefaultToFiftyMillisecondsAndTwoThousand() {
    CargoOptions o = new CargoOptions(Settings.of(Map.of()));
    assertThat(o.judgingInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(o.judgingBatch()).isEqualTo(FixBatches.MAX_BATCH);
    assertThat(CargoOptions.KEYS).contains(CargoOptions.JUDGING_INTERVAL, CargoOptions.JUDGING_BATCH);
  }

  @Test
  void judgingIntervalAndBatchAreRead() {
    CargoOptions o = new CargoOptions(Settings.of(Map.of("tracking.judging-interval", "200ms",
        "tracking.judging-batch", "8000")));
    assertThat(o.judgingInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(o.judgingBatch()).isEqualTo(8000);
    assertThat(new CargoOptions(Settings.of(Map.of("tracking.judging-interval", "0ms"))).judgingInterval()).isZero();
  }

  @Test
  void anIntervalBeyondFiveSecondsOrABatchBeyondTheQueueIsRefused() {
    assertThatThrownBy(() -> new CargoOptions(Settings.of(Map.of("tracking.judging-interval", "6s"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tracking.judging-interval");
    assertThatThrownBy(() -> new CargoOptions(Settings.of(Map.of("tracking.judging-batch", "0"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tracking.judging-batch");
    assertThatThrownBy(() -> new CargoOptions(Settings.of(Map.of("tracking.judging-batch", "100001"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tracking.judging-batch");
  }
}
