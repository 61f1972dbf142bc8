package io.corridor.tracking.detect;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * One tracker fix as the detectors see it: position, time and the sensors they judge. Built from a
 * committed {@code Position} by {@link TrackPoints}.
 *
 * @param deviceId the tracker
 * @param time the fix's event time
 * @param at where
 * @param speedKmh ground speed, when known
 * @param temperatureC cargo temperature, when fitted
 * @param sealClosed e-seal state, when fitted
 * @param doorOpen door sensor, when fitted
 * @param fuelLitres tank level, when fitted
 * @param batteryPct tracker battery, when reported
 * @param alarms alarms raised with this fix (Traccar names: powerCut, tampering, lowBattery, ...)
 */
public record TrackPoint(String deviceId, Instant time, LatLon at, Double speedKmh, Double temperatureC,
    Boolean sealClosed, Boolean doorOpen, Double fuelLitres, Double batteryPct, Set<String> alarms)
    implements Serializable {

  /** Copies the alarms. */
  public TrackPoint {
    alarms = alarms == null ? Set.of() : Set.copyOf(alarms);
  }

  /** A fix with position only. */
  public static TrackPoint at(String deviceId, Instant time, LatLon at) {
    return new TrackPoint(deviceId, time, at, null, null, null, null, null, null, Set.of());
  }
}
