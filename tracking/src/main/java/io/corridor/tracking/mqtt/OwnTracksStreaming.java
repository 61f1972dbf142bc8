package io.corridor.tracking.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.tracking.positions.PositionFixes;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fast path of {@link OwnTracksDecoder}: an OwnTracks message read with Jackson's streaming
 * parser, no tree. It answers only when sure (one object, each field once with the type the tree
 * decoder accepts, nothing after it); otherwise null, and the tree decoder reads the message
 * again, so a bad message gets exactly the error it got before.
 */
final class OwnTracksStreaming {

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build();
  private static final String[] TEXT = {"tid", "t", "conn", "SSID"};
  private static final String[] NUMBER = {"tst", "lat", "lon", "acc", "alt", "batt", "cog", "vel", "bs"};

  private OwnTracksStreaming() {}

  /** The decoded message ({@code Optional.empty()} for a valid message that is not a location), or null when unsure. */
  @SuppressWarnings("OptionalAssignedToNull")
  static Optional<Position> read(byte[] payload) {
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String type = null;
      String[] texts = new String[TEXT.length];
      Double[] numbers = new Double[NUMBER.length];
      boolean unsure = false;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("_type")) {
          if (type != null || v != JsonToken.VALUE_STRING) {
            return null;
          }
          type = p.getText();
          continue;
        }
        int text = indexOf(TEXT, name);
        int number = text >= 0 ? -1 : indexOf(NUMBER, name);
        if (text >= 0 || number >= 0) {
          boolean repeated = text >= 0 ? texts[text] != null : numbers[number] != null;
          if (v == JsonToken.VALUE_NULL || repeated) {
            unsure = true; // null, or a field sent twice: the tree decides
          } else if (text >= 0 && v == JsonToken.VALUE_STRING) {
            texts[text] = p.getText();
          } else if (number >= 0 && (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT)) {
            numbers[number] = p.getDoubleValue();
          } else {
            unsure = true;
            p.skipChildren();
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null || type == null) {
        return null;
      }
      if (!type.equals("location")) {
        return Optional.empty();
      }
      if (unsure || numbers[0] == null || numbers[1] == null || numbers[2] == null) {
        return null;
      }
      Map<String, Object> sensors = new LinkedHashMap<>();
      for (int i = 0; i < TEXT.length; i++) {
        if (texts[i] != null) {
          sensors.put(TEXT[i], texts[i]);
        }
      }
      Double bs = numbers[8];
      if (bs != null) {
        sensors.put("bs", bs);
        sensors.put("charge", bs == 2 || bs == 3); // 2 charging, 3 full
      }
      Position fix = PositionFixes.blank("", "", Instant.ofEpochSecond(numbers[0].longValue()),
          new GeoPoint(numbers[1], numbers[2]), sensors);
      fix.setAccuracyM(toFloat(numbers[3]));
      fix.setAltitudeM(toFloat(numbers[4]));
      fix.setBatteryPct(toFloat(numbers[5]));
      fix.setHeadingDeg(toFloat(numbers[6]));
      fix.setSpeedKmh(toFloat(numbers[7]));
      return Optional.of(fix);
    } catch (IOException | RuntimeException e) {
      return null; // the tree decoder names the problem
    }
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static Float toFloat(Double d) {
    return d == null ? null : d.floatValue();
  }
}
