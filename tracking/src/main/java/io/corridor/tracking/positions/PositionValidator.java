package io.corridor.tracking.positions;

import io.corridor.events.EventIds;
import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.ingest.EventTimeWindow;
import io.corridor.ingest.IngestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Checks each position's values, whatever protocol it came by, and stamps what Corridor adds
 * (received time, authenticated, protocol). Impossible values are refused with the field named:
 * coordinates off the globe or exactly 0,0 (a tracker without a fix), a speed above the plausible
 * maximum, times beyond the clock skew or the accepted age. A batch is accepted or refused whole.
 * Error fields are named by the Position schema; {@code fieldNames} renames them for protocols
 * with their own names (OsmAnd's {@code lat}, {@code speed}, ...).
 */
public final class PositionValidator {

  private static final Pattern SHIPMENT = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final int MAX_SENSORS = 64;
  private static final int MAX_SENSOR_TEXT = 256;

  private final Clock clock;
  private final EventTimeWindow window;
  private final double maxSpeedKmh;

  /** Validates against {@code clock} with the given skew, age and speed limits. */
  public PositionValidator(Clock clock, Duration clockSkew, Duration maxAge, double maxSpeedKmh) {
    this.clock = clock;
    this.window = new EventTimeWindow(clockSkew, maxAge);
    this.maxSpeedKmh = maxSpeedKmh;
  }

  /** The id Corridor gives a position whose protocol carries none: the same fix always gets the same id. */
  public static String derivedId(String deviceId, Instant eventTime) {
    return PositionFixes.derivedId(deviceId, eventTime); // EventIds.deterministic's id, without a digest lookup per fix
  }

  /**
   * Validates every position sent by {@code sender} over {@code protocol}.
   *
   * @throws IngestException 400 naming the field, or 403 when a position claims another device
   */
  public void validate(List<Position> positions, TrackerIdentity sender, String protocol, UnaryOperator<String> fieldNames) {
    Instant now = clock.instant();
    for (int i = 0; i < positions.size(); i++) {
      String at = positions.size() == 1 ? "" : "positions[" + i + "].";
      try {
        validateOne(positions.get(i), at, sender, now);
      } catch (IngestException e) {
        if (e.field() == null || e.status() != 400) {
          throw e;
        }
        String field = e.field().startsWith(at) ? at + fieldNames.apply(e.field().substring(at.length())) : e.field();
        throw IngestException.invalid(field, e.getMessage());
      }
      Position p = positions.get(i);
      p.setReceivedTime(now);
      p.setAuthenticated(sender.authenticated());
      p.setProtocol(protocol);
    }
  }

  private void validateOne(Position p, String at, TrackerIdentity sender, Instant now) {
    if (p.getDeviceId() == null || p.getDeviceId().isEmpty()) {
      p.setDeviceId(sender.id());
    } else if (!p.getDeviceId().equals(sender.id())) {
      throw new IngestException(403, "forbidden", at + "deviceId",
          "tracker '" + sender.id() + "' may not send positions for '" + p.getDeviceId() + "'");
    }
    Instant eventTime = p.getEventTime();
    if (eventTime == null) {
      throw IngestException.invalid(at + "eventTime", "is required");
    }
    window.check(eventTime, now, at + "eventTime");
    if (p.getEventId() == null || p.getEventId().isEmpty()) {
      p.setEventId(derivedId(p.getDeviceId(), eventTime));
    } else {
      try {
        p.setEventId(EventIds.parse(p.getEventId()).toString());
      } catch (IllegalArgumentException e) {
        throw IngestException.invalid(at + "eventId", "must be a UUID chosen at the edge; got '" + p.getEventId() + "'");
      }
    }
    checkLocation(p.getLocation(), at);
    if (p.getShipmentId() != null && !SHIPMENT.matcher(p.getShipmentId()).matches()) {
      throw IngestException.invalid(at + "shipmentId", "must be 1-64 of A-Z a-z 0-9 . _ : -");
    }
    range(p.getSpeedKmh(), 0, maxSpeedKmh, at + "speedKmh",
        "must be between 0 and " + (int) maxSpeedKmh + " km/h; faster is not a road vehicle");
    range(p.getHeadingDeg(), 0, 360, at + "headingDeg", "must be between 0 and 360 degrees");
    range(p.getTemperatureC(), -90, 150, at + "temperatureC", "must be between -90 and 150 °C");
    range(p.getAltitudeM(), -500, 9000, at + "altitudeM", "must be between -500 and 9000 m");
    range(p.getAccuracyM(), 0, 100_000, at + "accuracyM", "must be between 0 and 100000 m");
    range(p.getBatteryPct(), 0, 100, at + "batteryPct", "must be between 0 and 100 %");
    checkSensors(p.getSensors(), at);
    for (String alarm : p.getAlarms()) {
      if (!name(alarm, 32, false)) {
        throw IngestException.invalid(at + "alarms", "alarm names are 1-32 of A-Z a-z 0-9 _ -; got '" + alarm + "'");
      }
    }
  }

  /**
   * Whether {@code s} is 1 to {@code max} of {@code A-Z a-z 0-9 _ -} (and {@code .} where
   * {@code dot}): checked on every sensor and alarm of every fix, so without a regular expression.
   */
  private static boolean name(String s, int max, boolean dot) {
    if (s.isEmpty() || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
          || (dot && c == '.'))) {
        return false;
      }
    }
    return true;
  }

  private static void checkLocation(GeoPoint location, String at) {
    if (location == null) {
      throw IngestException.invalid(at + "location", "is required");
    }
    double lat = location.getLat();
    double lon = location.getLon();
    if (!(Math.abs(lat) <= 90)) {
      throw IngestException.invalid(at + "location.lat", "must be within ±90 degrees; got " + lat);
    }
    if (!(Math.abs(lon) <= 180)) {
      throw IngestException.invalid(at + "location.lon", "must be within ±180 degrees; got " + lon);
    }
    if (lat == 0 && lon == 0) {
      throw IngestException.invalid(at + "location", "0,0 is what trackers send without a fix; not a position");
    }
  }

  private static void range(Float value, double min, double max, String field, String reason) {
    if (value != null && !(value >= min && value <= max)) {
      throw IngestException.invalid(field, reason + "; got " + value);
    }
  }

  private static void checkSensors(Map<String, Object> sensors, String at) {
    if (sensors.size() > MAX_SENSORS) {
      throw IngestException.invalid(at + "sensors", "at most " + MAX_SENSORS + " sensor values; got " + sensors.size());
    }
    for (Map.Entry<String, Object> e : sensors.entrySet()) {
      if (!name(e.getKey(), 64, true)) {
        throw IngestException.invalid(at + "sensors", "sensor names are 1-64 of A-Z a-z 0-9 _ . -; got '" + e.getKey() + "'");
      }
      Object v = e.getValue();
      if (v instanceof Double d && !Double.isFinite(d)) {
        throw IngestException.invalid(at + "sensors." + e.getKey(), "must be a finite number");
      }
      if (v instanceof CharSequence s && s.length() > MAX_SENSOR_TEXT) {
        throw IngestException.invalid(at + "sensors." + e.getKey(), "text values are at most " + MAX_SENSOR_TEXT + " characters");
      }
    }
  }
}
