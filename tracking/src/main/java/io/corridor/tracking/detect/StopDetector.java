package io.corridor.tracking.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Unplanned stops and fuel drops while stopped. A tracker is stopped while its fixes stay within
 * {@code stopRadiusM} of the fix the stop began at (Traccar's motion rule). A stop is unplanned
 * outside declared stops, declared crossings and the destination, or at a declared stop beyond its
 * maximum stay. The tank level is median-filtered over {@value #WINDOW} readings at both ends of
 * the stop, so a single tilted reading is never a drop; drops in motion are ignored.
 */
final class StopDetector implements Detector {

  static final int WINDOW = 5;

  @Override
  public void fix(Judgement j, TrackPoint p) {
    String device = p.deviceId();
    TrackPoint anchor = j.state.stopAnchor.get(device);
    if (anchor == null || LocalProjection.distanceM(anchor.at(), p.at()) > j.limits.stopRadiusM()) {
      j.clear(AlertKind.UNPLANNED_STOP, device, p.time());
      j.clear(AlertKind.FUEL_DROP, device, p.time());
      j.state.stopAnchor.put(device, p);
      List<Double> fuel = new ArrayList<>();
      if (p.fuelLitres() != null) {
        fuel.add(p.fuelLitres());
      }
      j.state.stopFuel.put(device, fuel);
      return;
    }
    Duration stopped = Duration.between(anchor.time(), p.time());
    judgeStop(j, anchor, p, stopped);
    if (p.fuelLitres() != null) {
      List<Double> fuel = j.state.stopFuel.computeIfAbsent(device, d -> new ArrayList<>());
      fuel.add(p.fuelLitres());
      judgeFuel(j, anchor, p, fuel);
    }
  }

  private static void judgeStop(Judgement j, TrackPoint anchor, TrackPoint p, Duration stopped) {
    Place declared = j.plan.stops().stream().filter(s -> s.contains(anchor.at())).findFirst().orElse(null);
    boolean excused = j.plan.crossings().stream().anyMatch(c -> c.contains(anchor.at()))
        || LocalProjection.distanceM(anchor.at(), j.plan.destination()) <= j.limits.destinationRadiusM();
    String reason;
    if (declared != null) {
      if (declared.maxStay() == null || stopped.compareTo(declared.maxStay()) <= 0) {
        return;
      }
      reason = "stopped " + Judgement.minutes(stopped) + " at declared stop " + declared.name() + ", longer than its "
          + Judgement.minutes(declared.maxStay());
    } else if (excused || stopped.compareTo(j.limits.stopAfter()) <= 0) {
      return;
    } else {
      reason = "stopped " + Judgement.minutes(stopped) + " outside declared stops at " + round(anchor.at());
    }
    Episode e = j.watch(AlertKind.UNPLANNED_STOP, p.deviceId(), anchor.time(), p.deviceId());
    e.details.put("lat", Double.toString(anchor.at().lat()));
    e.details.put("lon", Double.toString(anchor.at().lon()));
    j.raise(e, "WARNING", reason);
  }

  private static void judgeFuel(Judgement j, TrackPoint anchor, TrackPoint p, List<Double> fuel) {
    if (fuel.size() < 2 * WINDOW) {
      return;
    }
    double before = median(fuel.subList(0, WINDOW));
    double now = median(fuel.subList(fuel.size() - WINDOW, fuel.size()));
    double drop = before - now;
    if (drop <= j.limits.fuelDropLitres()) {
      return;
    }
    Episode e = j.watch(AlertKind.FUEL_DROP, p.deviceId(), anchor.time(), p.deviceId());
    if (Double.isNaN(e.peak) || drop > e.peak) {
      e.peak = drop;
      e.details.put("litres", Long.toString(Math.round(drop)));
      e.details.put("fromLitres", Long.toString(Math.round(before)));
      e.details.put("toLitres", Long.toString(Math.round(now)));
    }
    j.raise(e, "CRITICAL", "tank level fell by " + Math.round(drop) + " L while stopped at " + round(anchor.at()));
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String round(LatLon p) {
    return String.format(java.util.Locale.ROOT, "%.4f,%.4f", p.lat(), p.lon());
  }
}
