package io.corridor.rules.engine.site;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A camera's place in the network: where it stands, what it measures and under what law.
 *
 * @param siteId stable site id
 * @param deviceId the registered camera whose reads this site describes
 * @param name human-readable name
 * @param road road reference, e.g. {@code A2}
 * @param direction direction of travel covered, e.g. {@code N} or {@code Hannover}
 * @param lanes number of lanes covered
 * @param lat latitude (WGS84), or NaN
 * @param lon longitude (WGS84), or NaN
 * @param country ISO 3166-1 alpha-2 country whose tolerances apply
 * @param zone the local time zone (time windows, calibration days)
 * @param limits speed limit in km/h per vehicle class (a class without a limit is not limited here)
 * @param laneLimits per-lane overrides of {@code limits}
 * @param measurement how the device measures
 * @param mobile whether the device is mobile (France gives mobile devices a larger tolerance)
 * @param calibration the device's calibration, or {@code null} for a device that does not measure
 * @param purpose network or enforcement (decides read retention)
 * @param version document version, raised by every change
 */
public record CameraSite(String siteId, String deviceId, String name, String road, String direction, int lanes,
    double lat, double lon, String country, ZoneId zone, Map<VehicleClass, Integer> limits,
    Map<Integer, Map<VehicleClass, Integer>> laneLimits, MeasurementType measurement, boolean mobile, Calibration calibration,
    SitePurpose purpose, int version) {

  /**
   * The limit for {@code vehicleClass} in {@code lane}; for an unknown class (neither the camera
   * nor the registry classified the vehicle) the most lenient limit of the lane, in the driver's
   * favour; {@code null} when nothing is limited.
   */
  public Integer limitFor(Integer lane, VehicleClass vehicleClass) {
    Map<VehicleClass, Integer> l = lane != null && laneLimits.containsKey(lane) ? laneLimits.get(lane) : limits;
    if (vehicleClass != null) {
      Integer v = l.get(vehicleClass);
      return v != null ? v : (l == limits ? null : limits.get(vehicleClass));
    }
    return l.values().stream().max(Integer::compare).orElse(null);
  }

  /** Whether the device's calibration covers {@code when}. */
  public boolean calibratedAt(Instant when) {
    return calibration != null && calibration.covers(when, zone);
  }
}
