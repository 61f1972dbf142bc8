package io.corridor.tracking.detect;

import java.io.Serializable;
import java.time.Instant;

/**
 * One tracker's jump check: whether a fix lies farther from the tracker's previous plausible fix
 * than the plausible speed allows in the time between them (either direction of time, so late
 * fixes are judged too). A jump becomes a candidate: when the next fix is plausible from it but not
 * from the old reference, the old reference was the wrong one and the candidate takes its place.
 * Plain serializable state, so the same check runs at intake (per node, {@code JumpCheck}) and in
 * a shipment's cluster state, where fixes arriving at every node meet. Not thread-safe.
 */
public final class JumpTrack implements Serializable {

  /** Fixes closer than this are never a jump, whatever the time: GPS noise within one second. */
  private static final double NOISE_M = 100;

  private record Fix(Instant time, LatLon at) implements Serializable {}

  private Fix reference;
  private Fix candidate;

  /** Judges the fix at {@code time} and {@code at}; false when it is a jump faster than {@code maxSpeedKmh}. */
  public boolean plausible(Instant time, LatLon at, double maxSpeedKmh) {
    Fix fix = new Fix(time, at);
    if (fix.equals(candidate)) {
      return false; // the same jump again (a repeated fix): still a jump, and not yet a confirmation
    }
    if (reference == null || plausible(reference, fix, maxSpeedKmh)) {
      reference = reference == null ? fix : newer(reference, fix);
      candidate = null;
      return true;
    }
    if (candidate != null && plausible(candidate, fix, maxSpeedKmh)) {
      reference = newer(candidate, fix);
      candidate = null;
      return true;
    }
    candidate = fix;
    return false;
  }

  private static Fix newer(Fix a, Fix b) {
    return b.time().isAfter(a.time()) ? b : a;
  }

  private static boolean plausible(Fix from, Fix to, double maxSpeedKmh) {
    double m = LocalProjection.distanceM(from.at(), to.at());
    if (m <= NOISE_M) {
      return true;
    }
    double hours = Math.abs(to.time().toEpochMilli() - from.time().toEpochMilli()) / 3_600_000.0;
    return m / 1000 <= maxSpeedKmh * hours;
  }
}
