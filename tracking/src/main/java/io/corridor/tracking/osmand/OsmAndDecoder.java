package io.corridor.tracking.osmand;

import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.tracking.positions.Decimals;
import io.corridor.tracking.positions.PositionFixes;
import io.corridor.tracking.positions.SensorValues;
import io.corridor.tracking.positions.TrackingOptions.SpeedUnit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    return decode(OsmAndParams.of(params));
  }

  /**
   * Decodes the parameters of one request in a single pass: the known ones into their slots (the
   * first value counts), every other one a sensor value in the order sent ({@code cell} and
   * {@code wifi} repeated are joined with {@code ;}).
   *
   * @throws IngestException 400 naming the parameter
   */
  OsmAndMessage decode(OsmAndParams params) {
    String id = null;
    String deviceid = null;
    String key = null;
    String timestamp = null;
    String lat = null;
    String lon = null;
    String location = null;
    String speed = null;
    String bearing = null;
    String heading = null;
    String altitude = null;
    String accuracy = null;
    String batt = null;
    String valid = null;
    Map<String, Object> sensors = null;
    String cell = null;
    String wifi = null;
    for (int i = 0; i < params.size(); i++) {
      String name = params.name(i);
      String value = params.value(i);
      switch (name) {
        case "id" -> id = id == null ? value : id;
        case "deviceid" -> deviceid = deviceid == null ? value : deviceid;
        case "key" -> key = key == null ? value : key;
        case "timestamp" -> timestamp = timestamp == null ? value : timestamp;
        case "lat" -> lat = lat == null ? value : lat;
        case "lon" -> lon = lon == null ? value : lon;
        case "location" -> location = location == null ? value : location;
        case "speed" -> speed = speed == null ? value : speed;
        case "bearing" -> bearing = bearing == null ? value : bearing;
        case "heading" -> heading = heading == null ? value : heading;
        case "altitude" -> altitude = altitude == null ? value : altitude;
        case "accuracy" -> accuracy = accuracy == null ? value : accuracy;
        case "batt" -> batt = batt == null ? value : batt;
        case "valid" -> valid = valid == null ? value : valid;
        default -> {
          if (sensors == null) {
            sensors = new LinkedHashMap<>();
          }
          if (name.equals("cell") || name.equals("wifi")) {
            String joined = name.equals("cell") ? cell : wifi;
            joined = joined == null ? value : joined + ";" + value;
            if (name.equals("cell")) {
              cell = joined;
            } else {
              wifi = joined;
            }
            // one value is typed like any sensor; repeated ones are the joined text
            sensors.put(name, joined == value ? SensorValues.typed(value) : joined);
          } else {
            sensors.putIfAbsent(name, SensorValues.typed(value));
          }
        }
      }
    }
    if (id == null) {
      id = deviceid;
    }
    if (id == null || id.isBlank()) {
      throw IngestException.invalid("id", "the tracker's id is required (id or deviceid)");
    }
    Instant time = timestamp == null || timestamp.isBlank() ? clock.instant() : OsmAndTime.parse(timestamp, "timestamp");
    GeoPoint at = location(location, lat, lon);
    // the id is derived from device and time by the validator
    Position p = PositionFixes.blank("", id, time, at, sensors == null ? new LinkedHashMap<>() : sensors);
    Double kn = number(speed, "speed");
    if (kn != null && kn >= 0) {
      p.setSpeedKmh((float) speedUnit.kmh(kn));
    }
    Double deg = bearing != null ? number(bearing, "bearing") : number(heading, "heading");
    if (deg != null && deg >= 0) {
      p.setHeadingDeg((float) (deg % 360));
    }
    p.setAltitudeM(toFloat(number(altitude, "altitude")));
    Double metres = number(accuracy, "accuracy");
    if (metres != null && metres >= 0) {
      p.setAccuracyM(metres.floatValue());
    }
    p.setBatteryPct(toFloat(number(batt, "batt")));
    if (valid != null && (valid.equalsIgnoreCase("false") || valid.equals("0"))) {
      p.setFlags(new ArrayList<>(List.of("invalid-fix")));
    }
    SensorValues.applyOwned(p, p.getSensors());
    return new OsmAndMessage(id, key, List.of(p));
  }

  private static GeoPoint location(String combined, String lat, String lon) {
    if (combined != null && lat == null) {
      int comma = combined.indexOf(',');
      if (comma < 0 || combined.indexOf(',', comma + 1) >= 0 || comma == combined.length() - 1) {
        throw IngestException.invalid("location", "must be 'lat,lon'; got '" + combined + "'");
      }
      return new GeoPoint(parse(combined.substring(0, comma), "location"), parse(combined.substring(comma + 1), "location"));
    }
    Double latitude = number(lat, "lat");
    Double longitude = number(lon, "lon");
    if (latitude == null) {
      throw IngestException.invalid("lat", "is required (lat and lon, or location=lat,lon)");
    }
    if (longitude == null) {
      throw IngestException.invalid("lon", "is required (lat and lon, or location=lat,lon)");
    }
    return new GeoPoint(latitude, longitude);
  }

  private static Double number(String value, String name) {
    return value == null || value.isBlank() ? null : parse(value, name);
  }

  private static double parse(String value, String name) {
    try {
      double d = Decimals.parse(value.trim());
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
