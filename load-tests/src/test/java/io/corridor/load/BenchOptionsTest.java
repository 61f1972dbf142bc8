package io.corridor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void noArgumentsGiveTheDefaults() {
    assertThat(BenchOptions.parse(List.of())).isEqualTo(new BenchOptions(200_000, 500, 8, 1, 20_000, null));
  }

  @Test
  void readsSeparateAndInlineValues() {
    BenchOptions o = BenchOptions.parse(List.of("--reads", "20000", "--warmup=2000", "--batch", "250",
        "--concurrency=4", "--copy-connections", "2", "--db-url", "jdbc:postgresql://db:5432/corridor"));
    assertThat(o).isEqualTo(new BenchOptions(20_000, 250, 4, 2, 2_000, "jdbc:postgresql://db:5432/corridor"));
  }

  @Test
  void timescaleIsAFlagThatExcludesADatabaseUrl() {
    assertThat(BenchOptions.parse(List.of("--timescale", "--reads", "10")))
        .isEqualTo(new BenchOptions(10, 500, 8, 1, 20_000, null, true));
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--timescale", "--db-url", "jdbc:postgresql://db/x")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("leave out --db-url");
  }

  @Test
  void zeroWarmupIsAllowedButZeroReadsIsNot() {
    assertThat(BenchOptions.parse(List.of("--warmup", "0")).warmup()).isZero();
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--reads", "0")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("--reads must be between 1");
  }

  @Test
  void refusesUnknownOptionsBadValuesAndMissingValues() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--read", "5")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("unknown option '--read'");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--batch", "lots")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("--batch must be a whole number");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--batch", "60000")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("between 1 and 50000");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--concurrency")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--db-url", "postgres://x")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void helpIsAUsageRequestWithoutAnError() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--help")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessage(null);
  }

  @Test
  void badCommandLinesExitWithTwo() {
    assertThat(BenchMain.run(List.of())).isEqualTo(2);
    assertThat(BenchMain.run(List.of("egress"))).isEqualTo(2);
    assertThat(BenchMain.run(List.of("ingest", "--reads", "-1"))).isEqualTo(2);
  }

  @Test
  void percentilesAreNearestRank() {
    LatencyRecorder recorder = new LatencyRecorder(4);
    for (long i = 100; i >= 1; i--) {
      recorder.record(i);
    }
    LatencyRecorder.Summary s = recorder.summary();
    assertThat(s.samples()).isEqualTo(100);
    assertThat(s.p50()).isEqualTo(50);
    assertThat(s.p90()).isEqualTo(90);
    assertThat(s.p99()).isEqualTo(99);
    assertThat(s.max()).isEqualTo(100);
  }
}
