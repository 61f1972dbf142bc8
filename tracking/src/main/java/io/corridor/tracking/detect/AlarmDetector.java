package io.corridor.tracking.detect;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Alarms the tracker raises itself (Traccar names: powerCut, tampering, lowBattery, sos, ...) and a
 * battery at or below the low-battery level. An alarm's episode clears with the next fix that does
 * not carry it; low battery only once the level is 5 points above the threshold again.
 */
final class AlarmDetector implements Detector {

  private static final Set<String> CRITICAL = Set.of("powerCut", "tampering", "sos", "removing");

  @Override
  public void fix(Judgement j, TrackPoint p) {
    Set<String> present = new HashSet<>(p.alarms());
    Double battery = p.batteryPct();
    if (battery != null && battery <= j.limits.lowBatteryPct()) {
      present.add("lowBattery");
    }
    present.removeIf(a -> a.equals("door") || a.equals("temperature")); // judged from the sensors themselves
    String prefix = p.deviceId() + ":";
    List<Episode> open = j.state.episodes.values().stream()
        .filter(e -> e.kind == AlertKind.DEVICE_ALARM && e.key.startsWith(prefix)).toList();
    for (Episode e : open) {
      String alarm = e.key.substring(prefix.length());
      boolean lowStill = alarm.equals("lowBattery") && battery != null && battery <= j.limits.lowBatteryPct() + 5;
      if (!present.contains(alarm) && !lowStill) {
        j.clear(AlertKind.DEVICE_ALARM, e.key, p.time());
      }
    }
    for (String alarm : present) {
      Episode e = j.watch(AlertKind.DEVICE_ALARM, prefix + alarm, p.time(), p.deviceId());
      e.details.put("alarm", alarm);
      if (battery != null) {
        e.details.put("batteryPct", Long.toString(Math.round(battery)));
      }
      j.raise(e, CRITICAL.contains(alarm) ? "CRITICAL" : "WARNING", "tracker " + p.deviceId() + " alarm: " + alarm);
    }
  }
}
