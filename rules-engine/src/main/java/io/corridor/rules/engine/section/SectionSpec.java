package io.corridor.rules.engine.section;

import io.corridor.rules.engine.site.VehicleClass;
import java.util.Map;

/**
 * One section: entry and exit cameras, the surveyed distance between them and the limits.
 *
 * @param id section id, e.g. {@code A2-1}
 * @param entryDevice camera at the start
 * @param exitDevice camera at the end
 * @param distanceMeters surveyed distance
 * @param limits limit in km/h per vehicle class; an unknown class gets the most lenient
 */
public record SectionSpec(String id, String entryDevice, String exitDevice, double distanceMeters,
    Map<VehicleClass, Integer> limits) {

  /** The limit for a class code ({@code null} = unknown: the most lenient). */
  public Integer limitFor(String vehicleClass) {
    if (vehicleClass != null) {
      return limits.get(VehicleClass.parse(vehicleClass));
    }
    return limits.values().stream().max(Integer::compare).orElse(null);
  }
}
