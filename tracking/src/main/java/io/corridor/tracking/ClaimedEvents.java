package io.corridor.tracking;

import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.events.Position;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.outbox.LeasedOutbox;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events a {@link CargoOutbox} claim reads back: positions from {@code positions} (a group's,
 * or a single row's) and plate reads from {@code plate_reads}, as the monitors take them.
 */
final class ClaimedEvents {

  /** The columns of a position a claim selects, over {@code positions p}, in the order read here. */
  static final String POSITION = "p.device_id, p.lat, p.lon, p.speed_kmh, p.temperature_c, p.seal_closed,"
      + " p.battery_pct, p.sensors::text, p.alarms, p.flags";

  private final PlateProtector protector;

  /** @param protector decrypts the plates of claimed reads; null for a consumer of positions only */
  ClaimedEvents(PlateProtector protector) {
    this.protector = protector;
  }

  /** A claimed single row: its key and its position or plate read, both null when the event is gone (retention). */
  record Row(LeasedOutbox.Key key, Position position, PlateRead read) {}

  Row row(ResultSet rs) throws SQLException {
    LeasedOutbox.Key key = new LeasedOutbox.Key(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
    if (rs.getString(3) == null) {
      if (rs.getString(13) != null && protector == null) {
        throw new IllegalStateException("plate read " + key + " claimed by a consumer of positions only");
      }
      return new Row(key, null, rs.getString(13) == null ? null : read(key, rs));
    }
    return new Row(key, position(key, rs, 3), null);
  }

  /** A claimed group's position: its key at {@code first}, then {@link #POSITION}; null when it is gone. */
  Position groupPosition(ResultSet rs, int first) throws SQLException {
    if (rs.getString(first + 2) == null) {
      return null; // deleted by retention meanwhile
    }
    LeasedOutbox.Key key = new LeasedOutbox.Key(rs.getObject(first, UUID.class), rs.getTimestamp(first + 1).toInstant());
    return position(key, rs, first + 2);
  }

  /** The position whose {@link #POSITION} columns start at {@code at}. */
  private static Position position(LeasedOutbox.Key key, ResultSet rs, int at) throws SQLException {
    Map<String, Object> sensors = new HashMap<>();
    String json = rs.getString(at + 7);
    if (json != null) {
      new JsonObject(json).forEach(e -> sensors.put(e.getKey(), e.getValue() instanceof Number n ? n.doubleValue() : e.getValue()));
    }
    return Position.newBuilder()
        .setEventId(key.eventId().toString())
        .setDeviceId(rs.getString(at))
        .setEventTime(key.eventTime())
        .setLocation(new GeoPoint(rs.getDouble(at + 1), rs.getDouble(at + 2)))
        .setSpeedKmh(rs.getObject(at + 3, Float.class))
        .setTemperatureC(rs.getObject(at + 4, Float.class))
        .setSealClosed(rs.getObject(at + 5, Boolean.class))
        .setBatteryPct(rs.getObject(at + 6, Float.class))
        .setSensors(sensors)
        .setAlarms(strings(rs.getArray(at + 8)))
        .setFlags(strings(rs.getArray(at + 9)))
        .build();
  }

  /** The claimed read as the cargo cross-check needs it: camera, time, place when it has one, plate. */
  private PlateRead read(LeasedOutbox.Key key, ResultSet rs) throws SQLException {
    Object lat = rs.getObject(15);
    return PlateRead.newBuilder()
        .setEventId(key.eventId().toString())
        .setDeviceId(rs.getString(13))
        .setEventTime(key.eventTime())
        .setPlate(protector.decrypt(rs.getBytes(14)))
        .setLocation(lat == null ? null : new GeoPoint(((Number) lat).doubleValue(), rs.getDouble(16)))
        .setConfidence(rs.getFloat(17))
        .build();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }
}
