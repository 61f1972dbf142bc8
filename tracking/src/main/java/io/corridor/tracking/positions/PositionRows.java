package io.corridor.tracking.positions;

import io.corridor.events.Position;
import io.corridor.ingest.CopyPayload;
import java.util.List;

/** The {@code positions} table's columns and the binary COPY payload of a group of positions. */
public final class PositionRows {

  /** Table name. */
  public static final String TABLE = "positions";
  /** Columns in payload order. */
  public static final String COLUMNS = "event_id, device_id, shipment_id, event_time, received_time, lat, lon,"
      + " speed_kmh, heading_deg, temperature_c, seal_closed, altitude_m, accuracy_m, battery_pct, sensors, alarms,"
      + " authenticated, protocol, flags";
  private static final int FIELDS = 19;

  private PositionRows() {}

  /** The payload of {@code positions}; each must be validated (received time stamped). */
  public static byte[] encode(List<Position> positions) {
    CopyPayload copy = new CopyPayload(positions.size(), 200);
    for (Position p : positions) {
      copy.row(FIELDS)
          .uuid(p.getEventId())
          .text(p.getDeviceId())
          .text(p.getShipmentId())
          .timestamp(p.getEventTime())
          .timestamp(p.getReceivedTime())
          .float8(p.getLocation().getLat())
          .float8(p.getLocation().getLon())
          .float4(p.getSpeedKmh())
          .float4(p.getHeadingDeg())
          .float4(p.getTemperatureC())
          .bool(p.getSealClosed())
          .float4(p.getAltitudeM())
          .float4(p.getAccuracyM())
          .float4(p.getBatteryPct())
          .jsonb(p.getSensors())
          .textArray(p.getAlarms())
          .bool(p.getAuthenticated())
          .text(p.getProtocol())
          .textArray(p.getFlags());
    }
    return copy.finish();
  }

  /**
   * A sink writing positions with retries stored once; the first statement of its transaction
   * ({@link CopyBatchSink#first}: the positions writer's commits, where the cargo outbox row follows).
   */
  public static CopyBatchSink<Position> sink() {
    return CopyBatchSink.first(TABLE, COLUMNS, PositionRows::encode, Position::getEventId);
  }
}
