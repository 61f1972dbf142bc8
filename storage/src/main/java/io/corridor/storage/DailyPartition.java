package io.corridor.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One day's partition of a time-series table, named {@code <table>_pYYYYMMDD}, covering [day, day+1) UTC. */
public record DailyPartition(TimeSeriesTable table, LocalDate day) {

  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;
  private static final Pattern NAME = Pattern.compile("(.+)_p(\\d{8})");

  /** SQL name of the partition. */
  public String name() {
    return table.tableName() + "_p" + SUFFIX.format(day);
  }

  /** Inclusive lower bound. */
  public Instant from() {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Exclusive upper bound. */
  public Instant until() {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Parses a partition name made by {@link #name()}; other names (not ours) give empty. */
  public static Optional<DailyPartition> parse(TimeSeriesTable table, String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches() || !m.group(1).equals(table.tableName())) {
      return Optional.empty();
    }
    return Optional.of(new DailyPartition(table, LocalDate.parse(m.group(2), SUFFIX)));
  }
}
