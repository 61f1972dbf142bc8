package io.corridor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryBenchOptionsTest {

  @Test
  void defaultsAreOneHundredMillionReadsOnePerPlatePerDay() {
    QueryBenchOptions o = QueryBenchOptions.parse(List.of());
    assertThat(o.plates()).isEqualTo(1_111_112);
    assertThat(o.rows()).isEqualTo(1_111_112L * 90).isGreaterThanOrEqualTo(100_000_000);
    assertThat(o.reuse()).isFalse();
    assertThat(o.dataDir()).isNull();
  }

  @Test
  void rowsRoundUpToWholeDaysOfPlates() {
    QueryBenchOptions o = QueryBenchOptions.parse(List.of("--rows", "1000000", "--days=10"));
    assertThat(o.plates()).isEqualTo(100_000);
    assertThat(o.rows()).isEqualTo(1_000_000);
    assertThat(QueryBenchOptions.parse(List.of("--rows", "1000001", "--days=10")).rows()).isEqualTo(1_000_010);
  }

  @Test
  void reuseIsAFlagThatNeedsADatabaseToReuse() {
    QueryBenchOptions o = QueryBenchOptions.parse(List.of("--reuse", "--data-dir", "/tmp/pg", "--queries=5"));
    assertThat(o.reuse()).isTrue();
    assertThat(o.dataDir()).isEqualTo("/tmp/pg");
    assertThat(o.queries()).isEqualTo(5);
    assertThatThrownBy(() -> QueryBenchOptions.parse(List.of("--reuse")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("--reuse needs --data-dir or --db-url");
  }

  @Test
  void aDatabaseUrlAndADataDirectoryExcludeEachOther() {
    assertThatThrownBy(() -> QueryBenchOptions.parse(List.of("--db-url", "jdbc:postgresql://db/x", "--data-dir", "/tmp/pg")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("exclude each other");
  }

  @Test
  void refusesThePlatesOptionNowDerivedFromRowsAndDays() {
    assertThatThrownBy(() -> QueryBenchOptions.parse(List.of("--plates", "10")))
        .isInstanceOf(BenchOptions.UsageException.class).hasMessageContaining("unknown option --plates");
  }
}
