package io.corridor.storage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which daily partitions to create and which to drop. Pure: it takes the time and what
 * exists, and touches nothing.
 *
 * <p>A partition is dropped once its whole day is older than the retention, so a row lives at
 * most the retention plus one day plus the job interval; partitions are created from the oldest
 * day that ingest still accepts (or the retention horizon, whichever is later) to
 * {@code partitionsAhead} days after today.
 */
public final class RetentionPlanner {

  /** What to do to one table. */
  public record Plan(List<DailyPartition> create, List<DailyPartition> drop) {}

  private final int partitionsAhead;

  /** {@code partitionsAhead}: days after today to create in advance. */
  public RetentionPlanner(int partitionsAhead) {
    this.partitionsAhead = partitionsAhead;
  }

  /**
   * @param now current time
   * @param retention how long rows are kept
   * @param oldestAccepted how far back ingest accepts event times
   * @param existing partitions that exist now
   */
  public Plan plan(TimeSeriesTable table, Instant now, Duration retention, Duration oldestAccepted,
      Collection<DailyPartition> existing) {
    Instant horizon = now.minus(retention);
    List<DailyPartition> drop = existing.stream()
        .filter(p -> !p.until().isAfter(horizon))
        .sorted((a, b) -> a.day().compareTo(b.day()))
        .toList();

    Set<LocalDate> have = new TreeSet<>();
    existing.forEach(p -> have.add(p.day()));
    Instant start = now.minus(oldestAccepted).isAfter(horizon) ? now.minus(oldestAccepted) : horizon;
    LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(partitionsAhead);
    List<DailyPartition> create = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      DailyPartition p = new DailyPartition(table, day);
      if (!have.contains(day) && p.until().isAfter(horizon)) {
        create.add(p);
      }
    }
    return new Plan(create, drop);
  }
}
