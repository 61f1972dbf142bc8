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

  CargoAlert alert(String shipmentId, Instant closedAt) {
    return new CargoAlert(CargoAlert.idOf(shipmentId, kind, key, start), shipmentId, kind, key, severity, deviceId, start,
        closedAt, reason, details);
  }
}
