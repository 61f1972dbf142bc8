package io.corridor.tracking.osmand;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.tracking.positions.SensorValues;
import io.corridor.tracking.positions.TrackingOptions.SpeedUnit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the OsmAnd protocol's query-string form as Traccar's {@code OsmAndProtocolDecoder} does:
 * device {@code id} or {@code deviceid}; {@code timestamp} (see {@link OsmAndTime}; missing: now);
 * {@code lat}+{@code lon} or {@code location=lat,lon}; {@code speed} in the configured unit
 * (knots by default); {@code bearing}/{@code heading}; {@code altitude}; {@code accuracy};
 * {@code batt}; {@code valid}; every other parameter is a sensor value ({@code fuel},
 * {@code temp1}, {@code door}, {@code ignition}, {@code alarm}, ...). {@code key} is the tracker's
 * key, never stored. The JSON form of Traccar Client 9+ is read by {@link TraccarJsonDecoder}.
 */
public final class OsmAndDecoder {

  /** Parameters with a meaning of their own; the rest are sensors. */
  private static final Set<String> KNOWN = Set.of("id", "deviceid", "key", "timestamp", "lat", "lon", "location",
      "speed", "bearing", "heading", "altitude", "accuracy", "batt", "valid");
  /** Protocol names for errors, by Position field. */
  private static final Map<String, String> PARAMETER_OF = Map.of(
      "location.lat", "lat", "location.lon", "lon", "location", "lat", "speedKmh", "speed", "headingDeg", "bearing",
      "altitudeM", "altitude", "accuracyM", "accuracy", "batteryPct", "batt", "eventTime", "timestamp",
      "temperatureC", "temp1");

  private final Clock clock;
  private final SpeedUnit speedUnit;

  /** Reads speeds in {@code speedUnit}; a missing timestamp is {@code clock}'s now. */
  public OsmAndDecoder(Clock clock, SpeedUnit speedUnit) {
    this.clock = clock;
    this.speedUnit = speedUnit;
  }

  /** Renames Position fields in validation errors to the OsmAnd parameter names. */
  public static UnaryOperator<String> parameterNames() {
    return field -> PARAMETER_OF.getOrDefault(field, field.startsWith("sensors.") ? field.substring(8) : field);
  }

  /**
   * Decodes URL-decoded parameters (query string or form body; a repeated parameter keeps all its
   * values, the first counts except for {@code cell} and {@code wifi}).
   *
   * @throws IngestException 400 naming the parameter
   */
  public OsmAndMessage decode(Map<String, List<String>> params) {
    String id = first(params, "id");
    if (id == null) {
      id = first(params, "deviceid");
    }
    if (id == null || id.isBlank()) {
      throw IngestException.invalid("id", "the tracker's id is required (id or deviceid)");
    }
    String timestamp = first(params, "timestamp");
    Instant time = timestamp == null || timestamp.isBlank() ? clock.instant() : OsmAndTime.parse(timestamp, "timestamp");
    GeoPoint location = location(params);
    Position p = Position.newBuilder()
        .setEventId("") // derived from device and time by the validator
        .setDeviceId(id)
        .setEventTime(time)
        .setLocation(location)
        .build();
    Double speed = number(params, "speed");
    if (speed != null && speed >= 0) {
      p.setSpeedKmh((float) speedUnit.kmh(speed));
    }
    Double bearing = number(params, first(params, "bearing") != null ? "bearing" : "heading");
    if (bearing != null && bearing >= 0) {
      p.setHeadingDeg((float) (bearing % 360));
    }
    p.setAltitudeM(toFloat(number(params, "altitude")));
    Double accuracy = number(params, "accuracy");
    if (accuracy != null && accuracy >= 0) {
      p.setAccuracyM(accuracy.floatValue());
    }
    p.setBatteryPct(toFloat(number(params, "batt")));
    String valid = first(params, "valid");
    if (valid != null && (valid.equalsIgnoreCase("false") || valid.equals("0"))) {
      p.setFlags(new ArrayList<>(List.of("invalid-fix")));
    }
    SensorValues.apply(p, sensors(params));
    return new OsmAndMessage(id, first(params, "key"), List.of(p));
  }

  private static Map<String, Object> sensors(Map<String, List<String>> params) {
    Map<String, Object> sensors = new LinkedHashMap<>();
    params.forEach((name, values) -> {
      if (KNOWN.contains(name) || values.isEmpty()) {
        return;
      }
      if ((name.equals("cell") || name.equals("wifi")) && values.size() > 1) {
        sensors.put(name, String.join(";", values));
      } else {
        sensors.put(name, SensorValues.typed(values.get(0)));
      }
    });
    return sensors;
  }

  private static GeoPoint location(Map<String, List<String>> params) {
    String combined = first(params, "location");
    if (combined != null && first(params, "lat") == null) {
      String[] parts = combined.split(",");
      if (parts.length != 2) {
        throw IngestException.invalid("location", "must be 'lat,lon'; got '" + combined + "'");
      }
      return new GeoPoint(parse(parts[0], "location"), parse(parts[1], "location"));
    }
    Double lat = number(params, "lat");
    Double lon = number(params, "lon");
    if (lat == null) {
      throw IngestException.invalid("lat", "is required (lat and lon, or location=lat,lon)");
    }
    if (lon == null) {
      throw IngestException.invalid("lon", "is required (lat and lon, or location=lat,lon)");
    }
    return new GeoPoint(lat, lon);
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Double number(Map<String, List<String>> params, String name) {
    String value = first(params, name);
    return value == null || value.isBlank() ? null : parse(value, name);
  }

  private static double parse(String value, String name) {
    try {
      double d = Double.parseDouble(value.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw IngestException.invalid(name, "must be a number; got '" + value + "'");
    }
  }

  private static Float toFloat(Double d) {
    return d == null ? null : d.floatValue();
  }
}
