package io.corridor.rules.engine.section;

import io.corridor.rules.engine.site.VehicleClass;
import io.corridor.rules.engine.zone.TimeWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One section: entry and exit cameras, the surveyed distance between them and the limits.
 *
 * @param id section id, e.g. {@code A2-1}
 * @param entryDevice camera at the start
 * @param exitDevice camera at the end
 * @param distanceMeters surveyed distance
 * @param limits limit in km/h per vehicle class; an unknown class gets the most lenient
 * @param periods limits that replace {@code limits} inside a local-time window (the Dutch A2:
 *     100 km/h 06–19 h, 130 km/h otherwise), decided by the entry time; the first matching wins
 */
public record SectionSpec(String id, String entryDevice, String exitDevice, double distanceMeters,
    Map<VehicleClass, Integer> limits, List<Period> periods) {

  /** Limits in force during {@code window}. */
  public record Period(TimeWindow window, Map<VehicleClass, Integer> limits) {}

  /** A section with the same limits at all times. */
  public SectionSpec(String id, String entryDevice, String exitDevice, double distanceMeters,
      Map<VehicleClass, Integer> limits) {
    this(id, entryDevice, exitDevice, distanceMeters, limits, List.of());
  }

  /** The limit for a class code ({@code null} = unknown: the most lenient) at all times. */
  public Integer limitFor(String vehicleClass) {
    return limitFor(vehicleClass, limits);
  }

  /** The limit for a class code for a passage entered at {@code entry}, local time in {@code zone}. */
  public Integer limitFor(String vehicleClass, Instant entry, ZoneId zone) {
    for (Period p : periods) {
      if (p.window().contains(entry, zone)) {
        return limitFor(vehicleClass, p.limits());
      }
    }
    return limitFor(vehicleClass, limits);
  }

  private static Integer limitFor(String vehicleClass, Map<VehicleClass, Integer> limits) {
    if (vehicleClass != null) {
      return limits.get(VehicleClass.parse(vehicleClass));
    }
    return limits.values().stream().max(Integer::compare).orElse(null);
  }
}
