package io.corridor.tracking.detect;

import java.time.Duration;

/** Off corridor: outside the buffer around the declared route for longer than the goods class allows. */
final class CorridorDetector implements Detector {

  private static final String KEY = "route";

  @Override
  public void fix(Judgement j, TrackPoint p) {
    if (j.geometry.inside(p.at())) {
      j.clear(AlertKind.OFF_CORRIDOR, KEY, p.time());
      return;
    }
    Episode e = j.watch(AlertKind.OFF_CORRIDOR, KEY, p.time(), p.deviceId());
    double distance = j.geometry.distanceToRouteM(p.at());
    if (Double.isNaN(e.peak) || distance > e.peak) {
      e.peak = distance;
      e.details.put("maxDistanceM", Long.toString(Math.round(distance)));
    }
    Duration outside = Duration.between(e.start, p.time());
    if (outside.compareTo(j.limits.offCorridorAfter()) >= 0) {
      j.raise(e, "WARNING", "off the declared corridor (" + Math.round(j.plan.corridorWidthM()) + " m wide) for "
          + Judgement.minutes(outside) + ", " + Math.round(e.peak) + " m from the route");
    }
  }
}
