package io.corridor.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPlannerTest {

  static final TimeSeriesTable T = TimeSeriesTable.PLATE_READS;
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  static DailyPartition day(String date) {
    return new DailyPartition(T, LocalDate.parse(date));
  }

  @Test
  void dropsOnlyPartitionsWhoseWholeDayIsPastRetention() {
    var plan = new RetentionPlanner(2).plan(T, NOW, Duration.ofDays(30), Duration.ofDays(7), List.of(
        day("2026-10-23"), day("2026-10-24"), day("2026-10-25"), day("2026-11-23")));
    // Horizon 2026-10-24T10:00: the 23rd ends before it, the 24th still holds rows younger than 30 days.
    assertThat(plan.drop()).containsExactly(day("2026-10-23"));
  }

  @Test
  void createsFromOldestAcceptedDayToDaysAhead() {
    var plan = new RetentionPlanner(2).plan(T, NOW, Duration.ofDays(30), Duration.ofDays(3), List.of(day("2026-11-21")));
    assertThat(plan.create()).extracting(DailyPartition::name).containsExactly(
        "plate_reads_p20261120", "plate_reads_p20261122", "plate_reads_p20261123",
        "plate_reads_p20261124", "plate_reads_p20261125");
  }

  @Test
  void neverCreatesPartitionsThatWouldBeDroppedAtOnce() {
    var plan = new RetentionPlanner(1).plan(T, NOW, Duration.ofDays(1), Duration.ofDays(7), List.of());
    assertThat(plan.create()).extracting(DailyPartition::name).containsExactly(
        "plate_reads_p20261122", "plate_reads_p20261123", "plate_reads_p20261124");
    assertThat(plan.drop()).isEmpty();
  }

  @Test
  void ignoresPartitionsItDidNotName() {
    assertThat(DailyPartition.parse(T, "plate_reads_default")).isEmpty();
    assertThat(DailyPartition.parse(T, "positions_p20261123")).isEmpty();
    assertThat(DailyPartition.parse(T, "plate_reads_p20261123")).contains(day("2026-11-23"));
  }
}
