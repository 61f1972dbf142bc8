package io.corridor.tracking.detect;

import java.io.Serializable;
import java.time.Duration;

/**
 * When the detectors call something an alert, for one goods class. Built from configuration by
 * {@code CargoOptions}.
 *
 * @param offCorridorAfter how long outside the corridor before an alert
 * @param stopAfter how long without moving beyond {@code stopRadiusM} before an unplanned-stop alert
 * @param stopRadiusM what counts as not moving, metres (GPS noise and manoeuvring stay inside)
 * @param fuelDropLitres tank level drop while stopped that is an alert, above sensor noise
 * @param silentAfter how long without a position before a tracker counts as silent
 * @param lowBatteryPct battery level at or below which a low-battery alarm is raised
 * @param plateDistanceM how far an ANPR read of the plate may be from the tracker at that time
 * @param crossingReadWindow how long after the tracker reaches a declared crossing its camera has to read the plate
 * @param destinationRadiusM how close to the route's end counts as at the destination, metres
 * @param maxSpeedKmh a fix farther from the tracker's last plausible one than this speed allows is a jump, not judged
 */
public record Thresholds(Duration offCorridorAfter, Duration stopAfter, double stopRadiusM, double fuelDropLitres,
    Duration silentAfter, double lowBatteryPct, double plateDistanceM, Duration crossingReadWindow,
    double destinationRadiusM, double maxSpeedKmh) implements Serializable {

  /** Defaults used by tests and as configuration defaults for fuel. */
  public static Thresholds defaults() {
    return new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 200, 50, Duration.ofMinutes(15), 15, 5_000,
        Duration.ofMinutes(30), 1_000, 300);
  }

  /** A copy with other corridor and stop limits and fuel threshold (per goods class). */
  public Thresholds withClassLimits(Duration offCorridor, Duration stop, double fuelLitres) {
    return new Thresholds(offCorridor, stop, stopRadiusM, fuelLitres, silentAfter, lowBatteryPct, plateDistanceM,
        crossingReadWindow, destinationRadiusM, maxSpeedKmh);
  }
}
