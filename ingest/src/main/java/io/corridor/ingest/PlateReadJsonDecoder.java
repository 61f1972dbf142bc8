package io.corridor.ingest;

import static io.corridor.ingest.JsonFields.number;
import static io.corridor.ingest.JsonFields.present;
import static io.corridor.ingest.JsonFields.text;
import static io.corridor.ingest.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads plate reads sent as JSON: one object, an array of objects, or {@code {"reads": [...]}}.
 * Field names follow the Avro schema ({@code eventId, deviceId, eventTime, plate, country,
 * confidence, location{lat,lon}, lane, speedKmh, frameIds}); {@code eventTime} is ISO-8601 or epoch
 * milliseconds. Unknown fields are ignored so newer edges can talk to older nodes. Only shape and
 * types are checked here; {@link ReadValidator} checks values.
 */
public final class PlateReadJsonDecoder {

  /** Decodes {@code body}; throws {@link IngestException} (400) naming the field on any problem. */
  public List<PlateRead> decode(byte[] body) {
    JsonNode root = JsonFields.parse(body);
    if (root.isObject() && root.has("reads")) {
      root = root.get("reads");
      if (!root.isArray()) {
        throw IngestException.invalid("reads", "must be an array of reads");
      }
    }
    List<PlateRead> reads = new ArrayList<>();
    if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        reads.add(read(root.get(i), "reads[" + i + "]."));
      }
    } else if (root.isObject()) {
      reads.add(read(root, ""));
    } else {
      throw IngestException.malformed("body must be a JSON object or array of reads");
    }
    return reads;
  }

  private static PlateRead read(JsonNode node, String path) {
    if (!node.isObject()) {
      throw IngestException.invalid(path.isEmpty() ? "read" : path.substring(0, path.length() - 1), "must be an object");
    }
    PlateRead.Builder b = PlateRead.newBuilder()
        .setEventId(text(node, path, "eventId", true))
        .setDeviceId(text(node, path, "deviceId", true))
        .setEventTime(time(node, path, "eventTime"))
        .setPlate(text(node, path, "plate", true))
        .setCountry(text(node, path, "country", false))
        .setConfidence(number(node, path, "confidence", true).floatValue())
        .setFrameIds(frameIds(node, path));
    JsonNode location = node.get("location");
    if (location != null && !location.isNull()) {
      if (!location.isObject()) {
        throw IngestException.invalid(path + "location", "must be an object with lat and lon");
      }
      b.setLocation(new GeoPoint(number(location, path + "location.", "lat", true),
          number(location, path + "location.", "lon", true)));
    }
    if (present(node, "lane")) {
      JsonNode lane = node.get("lane");
      if (!lane.canConvertToInt() || !lane.isIntegralNumber()) {
        throw IngestException.invalid(path + "lane", "must be an integer");
      }
      b.setLane(lane.intValue());
    }
    if (present(node, "speedKmh")) {
      b.setSpeedKmh(number(node, path, "speedKmh", true).floatValue());
    }
    return b.build();
  }

  private static List<String> frameIds(JsonNode node, String path) {
    JsonNode value = node.get("frameIds");
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw IngestException.invalid(path + "frameIds", "must be an array of strings");
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        throw IngestException.invalid(path + "frameIds[" + i + "]", "must be a string");
      }
      ids.add(value.get(i).textValue());
    }
    return ids;
  }
}
