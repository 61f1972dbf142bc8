package io.corridor.tracking.drones;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.events.DroneTelemetry;
import io.corridor.events.GeoPoint;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.JsonFields;
import java.time.Instant;
import java.util.List;

/**
 * Reads DJI Cloud API periodic telemetry ({@code thing/product/{serial}/osd}):
 * {@code {"tid", "bid", "timestamp" (epoch ms), "data": {"latitude", "longitude", "height" (m),
 * "attitude_head" (−180..180), "battery": {"capacity_percent"}}}}. The id is derived from drone and
 * timestamp (a retry repeats the timestamp), so a redelivered message is stored once.
 */
public final class DjiOsdDecoder {

  /** Decodes one OSD message. */
  public DroneTelemetry decode(byte[] payload) {
    JsonNode node = JsonFields.parse(payload);
    if (!node.isObject()) {
      throw IngestException.malformed("a DJI OSD message is a JSON object");
    }
    Double timestamp = JsonFields.number(node, "", "timestamp", true);
    JsonNode data = JsonFields.object(node, "", "data", true);
    Double heading = JsonFields.number(data, "data.", "attitude_head", false);
    JsonNode battery = JsonFields.object(data, "data.", "battery", false);
    Double capacity = battery == null ? null : JsonFields.number(battery, "data.battery.", "capacity_percent", false);
    return DroneTelemetry.newBuilder()
        .setEventId("")
        .setDeviceId("")
        .setEventTime(Instant.ofEpochMilli(timestamp.longValue()))
        .setLocation(new GeoPoint(JsonFields.number(data, "data.", "latitude", true),
            JsonFields.number(data, "data.", "longitude", true)))
        .setAltitudeM(JsonFields.number(data, "data.", "height", true).floatValue())
        .setHeadingDeg(heading == null ? null : (float) ((heading % 360 + 360) % 360))
        .setBatteryPct(capacity == null ? null : capacity.floatValue())
        .setDetections(List.of())
        .build();
  }
}
