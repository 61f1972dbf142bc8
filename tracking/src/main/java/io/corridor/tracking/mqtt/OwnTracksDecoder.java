package io.corridor.tracking.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.JsonFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads OwnTracks JSON messages ({@code owntracks/<user>/<device>}). A {@code _type: location}
 * message is a fix: {@code lat}, {@code lon}, {@code tst} (epoch seconds), {@code acc} (m),
 * {@code alt} (m), {@code batt} (%), {@code cog} (degrees), {@code vel} (km/h); {@code tid},
 * {@code t} (trigger), {@code conn}, {@code bs} (battery status) become sensor values. Other types
 * ({@code lwt}, {@code transition}, {@code waypoint}, {@code card}, {@code status}, ...) carry no
 * fix: they are acknowledged and not stored.
 */
public final class OwnTracksDecoder {

  /**
   * Decodes {@code payload}; empty when the message is valid OwnTracks but not a location.
   *
   * @throws IngestException 400 naming the field when it is not OwnTracks JSON or a field is wrong
   */
  public Optional<Position> decode(byte[] payload) {
    Optional<Position> fast = OwnTracksStreaming.read(payload); // no tree for a well-formed message
    return fast != null ? fast : decodeTree(payload);
  }

  /** {@link #decode} through Jackson's tree: every message the streaming path is unsure of. */
  Optional<Position> decodeTree(byte[] payload) {
    JsonNode node = JsonFields.parse(payload);
    if (!node.isObject()) {
      throw IngestException.malformed("an OwnTracks message is a JSON object");
    }
    String type = JsonFields.text(node, "", "_type", true);
    if (!type.equals("location")) {
      return Optional.empty();
    }
    Double tst = JsonFields.number(node, "", "tst", true);
    Position p = Position.newBuilder()
        .setEventId("")
        .setDeviceId("")
        .setEventTime(Instant.ofEpochSecond(tst.longValue()))
        .setLocation(new GeoPoint(JsonFields.number(node, "", "lat", true), JsonFields.number(node, "", "lon", true)))
        .setAccuracyM(JsonFields.optionalFloat(node, "", "acc"))
        .setAltitudeM(JsonFields.optionalFloat(node, "", "alt"))
        .setBatteryPct(JsonFields.optionalFloat(node, "", "batt"))
        .setHeadingDeg(JsonFields.optionalFloat(node, "", "cog"))
        .setSpeedKmh(JsonFields.optionalFloat(node, "", "vel"))
        .build();
    Map<String, Object> sensors = new LinkedHashMap<>();
    for (String field : new String[] {"tid", "t", "conn", "SSID"}) {
      String value = JsonFields.text(node, "", field, false);
      if (value != null) {
        sensors.put(field, value);
      }
    }
    Double batteryStatus = JsonFields.number(node, "", "bs", false);
    if (batteryStatus != null) {
      sensors.put("bs", batteryStatus);
      sensors.put("charge", batteryStatus == 2 || batteryStatus == 3); // 2 charging, 3 full
    }
    p.setSensors(sensors);
    return Optional.of(p);
  }

  /** OwnTracks' own field names for validation errors. */
  public static String fieldName(String field) {
    return switch (field) {
      case "location.lat", "location" -> "lat";
      case "location.lon" -> "lon";
      case "eventTime" -> "tst";
      case "accuracyM" -> "acc";
      case "altitudeM" -> "alt";
      case "batteryPct" -> "batt";
      case "headingDeg" -> "cog";
      case "speedKmh" -> "vel";
      default -> field;
    };
  }
}
