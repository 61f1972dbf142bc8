package io.corridor.tracking.positions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link PositionJsonDecoder}: one position object read with Jackson's streaming
 * parser, no tree. It takes only what it is sure of: a single root object, each known field once
 * with the type the tree decoder accepts, unknown fields skipped, sensors of scalars, nothing after
 * the object. Anything else (arrays, {@code {"positions": [...]}}, a field of the wrong type, a
 * missing field, a repeated name, broken JSON) returns null, and the tree decoder reads the body
 * again, so a bad payload gets exactly the error it got before.
 */
final class StreamingPositionJson {

  /** The same limits as {@code JsonFields}' mapper. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build();

  /** Thrown where the tree decoder must decide; no stack trace, it is caught at once. */
  private static final class Unsure extends RuntimeException {
    Unsure() {
      super(null, null, false, false);
    }
  }

  private static final Unsure UNSURE = new Unsure();

  private StreamingPositionJson() {}

  /** The position in {@code body}, or null when the tree decoder must read it. */
  static Position read(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Position position = object(p);
      return p.nextToken() != null ? null : position;
    } catch (IOException | RuntimeException e) {
      return null; // the tree decoder names the problem
    }
  }

  private static Position object(JsonParser p) throws IOException {
    String eventId = "";
    String deviceId = "";
    Instant eventTime = null;
    String shipmentId = null;
    double[] location = null;
    Float speed = null;
    Float heading = null;
    Float temperature = null;
    Boolean seal = null;
    Float altitude = null;
    Float accuracy = null;
    Float battery = null;
    List<String> alarms = null;
    Map<String, Object> sensors = null;
    int seen = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      int bit = bit(name);
      if (bit != 0) {
        if ((seen & bit) != 0) {
          throw UNSURE; // a repeated field: the tree keeps the last one
        }
        seen |= bit;
        if (v == JsonToken.VALUE_NULL) {
          continue; // null is absent, as in the tree decoder
        }
      }
      switch (name) {
        case "eventId" -> eventId = text(p, v);
        case "deviceId" -> deviceId = text(p, v);
        case "eventTime" -> eventTime = time(p, v);
        case "shipmentId" -> shipmentId = text(p, v);
        case "location" -> location = location(p, v);
        case "speedKmh" -> speed = number(p, v);
        case "headingDeg" -> heading = number(p, v);
        case "temperatureC" -> temperature = number(p, v);
        case "altitudeM" -> altitude = number(p, v);
        case "accuracyM" -> accuracy = number(p, v);
        case "batteryPct" -> battery = number(p, v);
        case "sealClosed" -> seal = bool(v);
        case "alarms" -> alarms = alarms(p, v);
        case "sensors" -> sensors = sensors(p, v);
        default -> p.skipChildren(); // unknown fields are ignored, as newer edges may send them
      }
    }
    if (location == null || eventTime == null) {
      throw UNSURE; // required: the tree decoder names it
    }
    Position position = PositionFixes.blank(eventId, deviceId, eventTime, new GeoPoint(location[0], location[1]),
        sensors == null ? new LinkedHashMap<>() : sensors);
    position.setShipmentId(shipmentId);
    position.setSpeedKmh(speed);
    position.setHeadingDeg(heading);
    position.setTemperatureC(temperature);
    position.setSealClosed(seal);
    position.setAltitudeM(altitude);
    position.setAccuracyM(accuracy);
    position.setBatteryPct(battery);
    if (alarms != null) {
      position.setAlarms(alarms);
    }
    return position;
  }

  private static int bit(String name) {
    return switch (name) {
      case "eventId" -> 1;
      case "deviceId" -> 1 << 1;
      case "eventTime" -> 1 << 2;
      case "shipmentId" -> 1 << 3;
      case "location" -> 1 << 4;
      case "speedKmh" -> 1 << 5;
      case "headingDeg" -> 1 << 6;
      case "temperatureC" -> 1 << 7;
      case "sealClosed" -> 1 << 8;
      case "altitudeM" -> 1 << 9;
      case "accuracyM" -> 1 << 10;
      case "batteryPct" -> 1 << 11;
      case "alarms" -> 1 << 12;
      case "sensors" -> 1 << 13;
      case "positions" -> throw UNSURE; // the wrapper form, even when null
      default -> 0;
    };
  }

  private static String text(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw UNSURE;
    }
    return p.getText();
  }

  /** A number as the tree decoder reads it: its double value, then a float. */
  private static Float number(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
      throw UNSURE;
    }
    return (float) p.getDoubleValue();
  }

  private static Boolean bool(JsonToken v) {
    if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
      throw UNSURE;
    }
    return v == JsonToken.VALUE_TRUE;
  }

  /** Epoch milliseconds (a long) or ISO-8601 text with zone. */
  private static Instant time(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return Instant.ofEpochMilli(p.getLongValue());
    }
    if (v != JsonToken.VALUE_STRING) {
      throw UNSURE;
    }
    try {
      return Instant.parse(p.getText());
    } catch (DateTimeParseException e) {
      throw UNSURE;
    }
  }

  private static double[] location(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      throw UNSURE;
    }
    Double lat = null;
    Double lon = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("lat") || name.equals("lon")) {
        if ((name.equals("lat") ? lat : lon) != null
            || (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT)) {
          throw UNSURE;
        }
        if (name.equals("lat")) {
          lat = p.getDoubleValue();
        } else {
          lon = p.getDoubleValue();
        }
      } else {
        p.skipChildren();
      }
    }
    if (lat == null || lon == null) {
      throw UNSURE;
    }
    return new double[] {lat, lon};
  }

  private static List<String> alarms(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      throw UNSURE;
    }
    List<String> alarms = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.VALUE_STRING) {
        throw UNSURE;
      }
      alarms.add(p.getText());
    }
    return alarms;
  }

  private static Map<String, Object> sensors(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      throw UNSURE;
    }
    Map<String, Object> sensors = new LinkedHashMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      Object typed = switch (value) {
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        case VALUE_STRING -> p.getText();
        default -> null;
      };
      if (typed == null || sensors.put(name, typed) != null) {
        throw UNSURE; // null, nested or repeated: the tree decoder decides
      }
    }
    return sensors;
  }
}
