package io.corridor.tracking.detect;

import java.time.Duration;
import java.util.Locale;

/**
 * Cold chain (EU GDP): the cargo temperature outside the declared range for longer than the
 * allowed excursion. The alert carries the excursion's peak and, when it clears, its duration.
 */
final class ColdChainDetector implements Detector {

  @Override
  public void fix(Judgement j, TrackPoint p) {
    if (!j.plan.coldChain() || p.temperatureC() == null) {
      return;
    }
    double t = p.temperatureC();
    double min = j.plan.minTempC();
    double max = j.plan.maxTempC();
    String key = p.deviceId();
    if (t >= min && t <= max) {
      j.clear(AlertKind.COLD_CHAIN_BROKEN, key, p.time());
      return;
    }
    Episode e = j.watch(AlertKind.COLD_CHAIN_BROKEN, key, p.time(), p.deviceId());
    double beyond = t > max ? t - max : min - t;
    if (Double.isNaN(e.peak) || beyond > e.peak) {
      e.peak = beyond;
      e.details.put("peakC", String.format(Locale.ROOT, "%.1f", t));
    }
    Duration outside = Duration.between(e.start, p.time());
    if (outside.compareTo(j.plan.allowedExcursion()) > 0) {
      j.raise(e, "CRITICAL", String.format(Locale.ROOT, "temperature outside %.1f–%.1f °C for %s (allowed %s), peak %s °C",
          min, max, Judgement.minutes(outside), Judgement.minutes(j.plan.allowedExcursion()), e.details.get("peakC")));
    }
  }
}
