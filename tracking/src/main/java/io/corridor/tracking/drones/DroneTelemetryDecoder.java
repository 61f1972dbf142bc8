package io.corridor.tracking.drones;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.events.Detection;
import io.corridor.events.DroneTelemetry;
import io.corridor.events.GeoPoint;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.JsonFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads drone telemetry published on {@code corridor/drones/{id}/telemetry}: {@code {"eventId"?,
 * "eventTime", "location": {lat, lon}, "altitudeM", "headingDeg"?, "batteryPct"?, "missionId"?,
 * "detections"?: [{"objectClass", "confidence", "location"?}]}}, field names as in the Avro schema.
 * A missing {@code eventId} is derived from drone and time by {@link DroneService}.
 */
public final class DroneTelemetryDecoder {

  /** Decodes one telemetry message. */
  public DroneTelemetry decode(byte[] payload) {
    JsonNode node = JsonFields.parse(payload);
    if (!node.isObject()) {
      throw IngestException.malformed("drone telemetry is a JSON object");
    }
    JsonNode location = JsonFields.object(node, "", "location", true);
    String id = JsonFields.text(node, "", "eventId", false);
    return DroneTelemetry.newBuilder()
        .setEventId(id == null ? "" : id)
        .setDeviceId("")
        .setEventTime(JsonFields.time(node, "", "eventTime"))
        .setLocation(point(location, "location."))
        .setAltitudeM(JsonFields.number(node, "", "altitudeM", true).floatValue())
        .setHeadingDeg(JsonFields.optionalFloat(node, "", "headingDeg"))
        .setBatteryPct(JsonFields.optionalFloat(node, "", "batteryPct"))
        .setMissionId(JsonFields.text(node, "", "missionId", false))
        .setDetections(detections(node))
        .build();
  }

  static GeoPoint point(JsonNode location, String path) {
    return new GeoPoint(JsonFields.number(location, path, "lat", true), JsonFields.number(location, path, "lon", true));
  }

  private static List<Detection> detections(JsonNode node) {
    JsonNode value = node.get("detections");
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw IngestException.invalid("detections", "must be an array");
    }
    List<Detection> detections = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String path = "detections[" + i + "].";
      JsonNode d = value.get(i);
      if (!d.isObject()) {
        throw IngestException.invalid(path + "objectClass", "each detection is an object");
      }
      JsonNode where = JsonFields.object(d, path, "location", false);
      detections.add(new Detection(JsonFields.text(d, path, "objectClass", true),
          JsonFields.number(d, path, "confidence", true).floatValue(), where == null ? null : point(where, path + "location.")));
    }
    return detections;
  }
}
