package io.corridor.tracking.osmand;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.JsonFields;
import io.corridor.tracking.positions.SensorValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON form Traccar Client 9+ posts to an OsmAnd port: {@code {"device_id": "...",
 * "location": {"timestamp", "coords": {latitude, longitude, accuracy, speed (m/s), heading (−1
 * unknown), altitude}, "is_moving", "odometer", "event", "battery": {level 0–1, is_charging},
 * "activity": {type}, "extras": {...}}}}; {@code location} may also be an array of such fixes
 * (the client's batch sync). Extras and the motion fields become sensor values.
 */
public final class TraccarJsonDecoder {

  private static final Map<String, String> FIELD_OF = Map.of(
      "location.lat", "location.coords.latitude", "location.lon", "location.coords.longitude",
      "location", "location.coords", "speedKmh", "location.coords.speed", "headingDeg", "location.coords.heading",
      "altitudeM", "location.coords.altitude", "accuracyM", "location.coords.accuracy",
      "batteryPct", "location.battery.level", "eventTime", "location.timestamp");

  /** Renames Position fields in validation errors to the JSON form's names. */
  public static java.util.function.UnaryOperator<String> fieldNames() {
    return field -> FIELD_OF.getOrDefault(field, field.startsWith("sensors.") ? "location.extras." + field.substring(8) : field);
  }

  /** Decodes {@code body}; {@code key} is the key parameter of the request's query string, if any. */
  public OsmAndMessage decode(byte[] body, String key) {
    JsonNode root = JsonFields.parse(body);
    if (!root.isObject()) {
      throw IngestException.malformed("body must be a JSON object with device_id and location");
    }
    String id = JsonFields.text(root, "", "device_id", true);
    JsonNode location = root.get("location");
    if (location == null || location.isNull()) {
      throw IngestException.invalid("location", "is required");
    }
    List<Position> positions = new ArrayList<>();
    if (location.isArray()) {
      for (int i = 0; i < location.size(); i++) {
        positions.add(fix(id, location.get(i), "location[" + i + "]."));
      }
    } else {
      positions.add(fix(id, location, "location."));
    }
    if (positions.isEmpty()) {
      throw IngestException.invalid("location", "holds no fixes");
    }
    return new OsmAndMessage(id, key, positions);
  }

  private static Position fix(String id, JsonNode location, String path) {
    if (!location.isObject()) {
      throw IngestException.invalid(path.substring(0, path.length() - 1), "must be an object");
    }
    JsonNode coords = JsonFields.object(location, path, "coords", true);
    String at = path + "coords.";
    Position p = Position.newBuilder()
        .setEventId("") // derived from device and time by the validator
        .setDeviceId(id)
        .setEventTime(time(location, path))
        .setLocation(new GeoPoint(JsonFields.number(coords, at, "latitude", true),
            JsonFields.number(coords, at, "longitude", true)))
        .build();
    Double speed = JsonFields.number(coords, at, "speed", false);
    if (speed != null && speed >= 0) {
      p.setSpeedKmh((float) (speed * 3.6));
    }
    Double heading = JsonFields.number(coords, at, "heading", false);
    if (heading != null && heading >= 0) {
      p.setHeadingDeg((float) (heading % 360));
    }
    Double accuracy = JsonFields.number(coords, at, "accuracy", false);
    if (accuracy != null && accuracy >= 0) {
      p.setAccuracyM(accuracy.floatValue());
    }
    p.setAltitudeM(JsonFields.optionalFloat(coords, at, "altitude"));
    Map<String, Object> sensors = new LinkedHashMap<>();
    JsonNode battery = JsonFields.object(location, path, "battery", false);
    if (battery != null) {
      Double level = JsonFields.number(battery, path + "battery.", "level", false);
      if (level != null && level >= 0) {
        p.setBatteryPct((float) (level * 100));
      }
      Boolean charging = JsonFields.bool(battery, path + "battery.", "is_charging");
      if (charging != null) {
        sensors.put("charge", charging);
      }
    }
    Boolean moving = JsonFields.bool(location, path, "is_moving");
    if (moving != null) {
      sensors.put("motion", moving);
    }
    Double odometer = JsonFields.number(location, path, "odometer", false);
    if (odometer != null) {
      sensors.put("odometer", odometer);
    }
    String event = JsonFields.text(location, path, "event", false);
    if (event != null) {
      sensors.put("event", event);
    }
    JsonNode activity = JsonFields.object(location, path, "activity", false);
    if (activity != null && JsonFields.text(activity, path + "activity.", "type", false) != null) {
      sensors.put("activity", activity.get("type").textValue());
    }
    sensors.putAll(SensorValues.fromJson(location.get("extras"), path + "extras"));
    SensorValues.apply(p, sensors);
    return p;
  }

  private static Instant time(JsonNode location, String path) {
    JsonNode value = location.get("timestamp");
    if (value == null || value.isNull()) {
      throw IngestException.invalid(path + "timestamp", "is required");
    }
    if (value.isNumber()) {
      return OsmAndTime.parse(value.asText(), path + "timestamp");
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      return OsmAndTime.parse(value.asText(), path + "timestamp");
    }
  }
}
