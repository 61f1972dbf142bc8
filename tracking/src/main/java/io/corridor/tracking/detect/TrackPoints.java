package io.corridor.tracking.detect;

import io.corridor.events.Position;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a committed {@link Position} into what the detectors judge. Sensor names are the trackers'
 * own (Traccar's): {@code fuel} litres, {@code door}, {@code seal}, {@code temp1}; a fix Corridor
 * flagged as implausible or invalid is not judged at all, so a spoofed jump cannot open or close
 * an episode.
 */
public final class TrackPoints {

  /** Flags under which a fix is not trusted. */
  public static final Set<String> UNTRUSTED = Set.of("implausible-jump", "invalid-fix");

  private TrackPoints() {}

  /** The detectors' view of {@code p}; empty when it is flagged untrusted. */
  public static Optional<TrackPoint> from(Position p) {
    if (p.getFlags().stream().anyMatch(UNTRUSTED::contains)) {
      return Optional.empty();
    }
    Map<String, Object> sensors = p.getSensors();
    Double temperature = p.getTemperatureC() != null ? Double.valueOf(p.getTemperatureC()) : number(sensors.get("temp1"));
    Boolean seal = p.getSealClosed() != null ? p.getSealClosed() : sealClosed(sensors.get("seal"));
    Set<String> alarms = new HashSet<>(p.getAlarms());
    return Optional.of(new TrackPoint(p.getDeviceId(), p.getEventTime(), new LatLon(p.getLocation().getLat(),
        p.getLocation().getLon()), p.getSpeedKmh() == null ? null : Double.valueOf(p.getSpeedKmh()), temperature, seal,
        bool(sensors.get("door")), number(sensors.get("fuel")), p.getBatteryPct() == null ? null : Double.valueOf(p.getBatteryPct()),
        alarms));
  }

  private static Double number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof CharSequence s) {
      try {
        return Double.parseDouble(s.toString());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** {@code door=true/1/open} means open. */
  private static Boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof CharSequence s) {
      String t = s.toString().toLowerCase(Locale.ROOT);
      return t.equals("true") || t.equals("1") || t.equals("open") ? Boolean.TRUE
          : t.equals("false") || t.equals("0") || t.equals("closed") ? Boolean.FALSE : null;
    }
    return null;
  }

  /** A {@code seal} sensor reports closed as true/1/closed, open as false/0/open. */
  private static Boolean sealClosed(Object v) {
    if (v instanceof CharSequence s) {
      String t = s.toString().toLowerCase(Locale.ROOT);
      if (t.equals("open")) {
        return false;
      }
      if (t.equals("closed")) {
        return true;
      }
    }
    return bool(v);
  }
}
