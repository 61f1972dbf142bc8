package io.corridor.tracking.drones;

import io.corridor.events.Detection;
import io.corridor.events.DroneTelemetry;
import io.corridor.ingest.CopyPayload;
import io.corridor.tracking.positions.CopyBatchSink;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The {@code drone_telemetry} table's columns and the binary COPY payload of a group of telemetry. */
public final class DroneRows {

  /** Columns in payload order. */
  public static final String COLUMNS = "event_id, device_id, event_time, received_time, lat, lon, altitude_m, heading_deg,"
      + " battery_pct, detections, mission_id";

  private DroneRows() {}

  /** The payload of {@code telemetry}, validated. */
  public static byte[] encode(List<DroneTelemetry> telemetry) {
    CopyPayload copy = new CopyPayload(telemetry.size(), 160);
    for (DroneTelemetry t : telemetry) {
      copy.row(11)
          .uuid(t.getEventId())
          .text(t.getDeviceId())
          .timestamp(t.getEventTime())
          .timestamp(t.getReceivedTime())
          .float8(t.getLocation().getLat())
          .float8(t.getLocation().getLon())
          .float4(t.getAltitudeM())
          .float4(t.getHeadingDeg())
          .float4(t.getBatteryPct())
          .jsonbText(t.getDetections().isEmpty() ? null : detections(t.getDetections()))
          .text(t.getMissionId());
    }
    return copy.finish();
  }

  private static String detections(List<Detection> detections) {
    JsonArray array = new JsonArray();
    for (Detection d : detections) {
      JsonObject o = new JsonObject().put("objectClass", d.getObjectClass()).put("confidence", d.getConfidence());
      if (d.getLocation() != null) {
        o.put("lat", d.getLocation().getLat()).put("lon", d.getLocation().getLon());
      }
      array.add(o);
    }
    return array.encode();
  }

  /** A sink writing telemetry with retries stored once. */
  public static CopyBatchSink<DroneTelemetry> sink() {
    return new CopyBatchSink<>("drone_telemetry", COLUMNS, DroneRows::encode, DroneTelemetry::getEventId);
  }
}
