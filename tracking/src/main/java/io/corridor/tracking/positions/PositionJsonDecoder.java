package io.corridor.tracking.positions;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.JsonFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Corridor's own JSON positions: one object, an array, or {@code {"positions": [...]}}.
 * Field names follow the Avro schema ({@code eventId, deviceId, eventTime, shipmentId,
 * location{lat,lon}, speedKmh, headingDeg, temperatureC, sealClosed, altitudeM, accuracyM,
 * batteryPct, sensors{}, alarms[]}); {@code eventTime} is ISO-8601 or epoch milliseconds; a missing
 * {@code eventId} is derived from device and time. Unknown fields are ignored so newer edges can
 * talk to older nodes. Only shape and types are checked here; {@link PositionValidator} checks values.
 * A single object is read by {@link StreamingPositionJson} without a tree; whatever it is unsure
 * of is read here again, so errors are the tree decoder's.
 */
public final class PositionJsonDecoder {

  /** Decodes {@code body}; throws {@link IngestException} (400) naming the field on any problem. */
  public List<Position> decode(byte[] body) {
    Position single = StreamingPositionJson.read(body); // one object, as trackers send: no tree
    if (single != null) {
      List<Position> one = new ArrayList<>(1);
      one.add(single);
      return one;
    }
    JsonNode root = JsonFields.parse(body);
    if (root.isObject() && root.has("positions")) {
      root = root.get("positions");
      if (!root.isArray()) {
        throw IngestException.invalid("positions", "must be an array of positions");
      }
    }
    List<Position> positions = new ArrayList<>();
    if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        positions.add(position(root.get(i), "positions[" + i + "]."));
      }
    } else if (root.isObject()) {
      positions.add(position(root, ""));
    } else {
      throw IngestException.malformed("body must be a JSON object or array of positions");
    }
    return positions;
  }

  /** Decodes one position object; {@code path} prefixes field names in errors. */
  public static Position position(JsonNode node, String path) {
    if (!node.isObject()) {
      throw IngestException.invalid(path.isEmpty() ? "position" : path.substring(0, path.length() - 1), "must be an object");
    }
    JsonNode location = JsonFields.object(node, path, "location", true);
    Position p = Position.newBuilder()
        .setEventId(orEmpty(JsonFields.text(node, path, "eventId", false)))
        .setDeviceId(orEmpty(JsonFields.text(node, path, "deviceId", false)))
        .setEventTime(JsonFields.time(node, path, "eventTime"))
        .setShipmentId(JsonFields.text(node, path, "shipmentId", false))
        .setLocation(new GeoPoint(JsonFields.number(location, path + "location.", "lat", true),
            JsonFields.number(location, path + "location.", "lon", true)))
        .setSpeedKmh(JsonFields.optionalFloat(node, path, "speedKmh"))
        .setHeadingDeg(JsonFields.optionalFloat(node, path, "headingDeg"))
        .setTemperatureC(JsonFields.optionalFloat(node, path, "temperatureC"))
        .setSealClosed(JsonFields.bool(node, path, "sealClosed"))
        .setAltitudeM(JsonFields.optionalFloat(node, path, "altitudeM"))
        .setAccuracyM(JsonFields.optionalFloat(node, path, "accuracyM"))
        .setBatteryPct(JsonFields.optionalFloat(node, path, "batteryPct"))
        .setAlarms(alarms(node, path))
        .build();
    p.setSensors(SensorValues.fromJson(node.get("sensors"), path + "sensors"));
    return p;
  }

  /** Empty for absent ids: the validator then derives the id or takes the sender's. */
  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static List<String> alarms(JsonNode node, String path) {
    JsonNode value = node.get("alarms");
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw IngestException.invalid(path + "alarms", "must be an array of strings");
    }
    List<String> alarms = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        throw IngestException.invalid(path + "alarms[" + i + "]", "must be a string");
      }
      alarms.add(value.get(i).textValue());
    }
    return alarms;
  }
}
