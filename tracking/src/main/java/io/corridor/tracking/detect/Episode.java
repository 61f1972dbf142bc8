package io.corridor.tracking.detect;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An episode a detector is watching: a candidate until its threshold is passed, then a raised
 * alert until it clears. Mutable; lives inside {@link MonitorState}.
 */
final class Episode implements Serializable {

  final AlertKind kind;
  final String key;
  final Instant start;
  final String deviceId;
  boolean raised;
  String severity = "WARNING";
  String reason = "";
  double peak = Double.NaN;
  final Map<String, String> details = new LinkedHashMap<>();

  Episode(AlertKind kind, String key, Instant start, String deviceId) {
    this.kind = kind;
    this.key = key;
    this.start = start;
    this.deviceId = deviceId;
  }

  /**
   * The episode of a stored open alert, raised, as a monitor that was lost (every member stopped)
   * and started again must continue it: the same id, so it closes when it clears or monitoring
   * ends, and is not raised a second time. Its peak comes back from the details that show it.
   */
  static Episode resumed(CargoAlert a, MonitorPlan plan) {
    Episode e = new Episode(a.kind(), a.key(), a.openedAt(), a.deviceId());
    e.raised = true;
    e.severity = a.severity();
    e.reason = a.reason();
    e.details.putAll(a.details());
    try {
      if (a.kind() == AlertKind.OFF_CORRIDOR && a.details().containsKey("maxDistanceM")) {
        e.peak = Double.parseDouble(a.details().get("maxDistanceM"));
      } else if (a.kind() == AlertKind.COLD_CHAIN_BROKEN && a.details().containsKey("peakC") && plan.coldChain()) {
        double t = Double.parseDouble(a.details().get("peakC"));
        e.peak = t > plan.maxTempC() ? t - plan.maxTempC() : plan.minTempC() - t;
      }
    } catch (NumberFormatException ignored) {
      // a peak that does not parse is taken again from the next reading
    }
    return e;
  }

  CargoAlert alert(String shipmentId, Instant closedAt) {
    return new CargoAlert(CargoAlert.idOf(shipmentId, kind, key, start), shipmentId, kind, key, severity, deviceId, start,
        closedAt, reason, details);
  }
}
