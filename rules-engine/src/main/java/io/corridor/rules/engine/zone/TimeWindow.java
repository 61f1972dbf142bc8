package io.corridor.rules.engine.zone;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A recurring window of local wall-clock time, e.g. Mon–Fri 07:00–19:00 in Europe/Belgrade. The
 * read's instant is converted to local time with the zone's rules, so the window follows daylight
 * saving changes. {@code from} is inclusive, {@code to} exclusive; a window whose {@code to} is
 * before its {@code from} runs overnight and belongs to the day it starts on ({@code to} 24:00 is
 * written as {@link LocalTime#MAX}).
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

  /** Whether {@code when} falls in the window, in {@code zone}'s local time. */
  public boolean contains(Instant when, ZoneId zone) {
    ZonedDateTime local = when.atZone(zone);
    LocalTime t = local.toLocalTime();
    DayOfWeek day = local.getDayOfWeek();
    if (!to.isBefore(from)) {
      return days.contains(day) && !t.isBefore(from) && (t.isBefore(to) || to.equals(LocalTime.MAX));
    }
    return (days.contains(day) && !t.isBefore(from)) || (days.contains(day.minus(1)) && t.isBefore(to));
  }
}
