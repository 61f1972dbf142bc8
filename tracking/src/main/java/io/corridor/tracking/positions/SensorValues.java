package io.corridor.tracking.positions;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sensor values as trackers send them: numbers, booleans or strings under the tracker's own
 * names. Text from query strings is typed here ({@code "true"} → boolean, {@code "12.5"} → number);
 * the well-known ones also fill the Position's typed fields ({@code temp1}/{@code temp} →
 * temperatureC, {@code seal} → sealClosed) and {@code alarm} becomes the alarm list.
 */
public final class SensorValues {

  private SensorValues() {}

  /** A query-string value typed: boolean, number, or the text itself. */
  public static Object typed(String raw) {
    String v = raw.trim();
    if (asciiWord(v, "true") || asciiWord(v, "false")) {
      return v.length() == 4;
    }
    if (!numberLike(v)) {
      return v; // text, without paying for a NumberFormatException
    }
    try {
      double d = Decimals.parse(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // not a number: kept as text
    }
    return v;
  }

  /** Whether {@code v} is the lower-case ASCII {@code word} in any case of its ASCII letters. */
  private static boolean asciiWord(String v, String word) {
    if (v.length() != word.length()) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      if ((v.charAt(i) | 0x20) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code v} may be a decimal number for {@link Double#parseDouble}: not empty, only
   * digits, signs, dots and exponents. Hexadecimal ({@code 0x1p3}), Java suffixes ({@code 12d},
   * {@code 3f}) and words ({@code NaN}, {@code Infinity}) stay text.
   */
  private static boolean numberLike(String v) {
    if (v.isEmpty()) {
      return false;
    }
    boolean digit = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return false;
      }
    }
    return digit;
  }

  /** Reads a JSON object of sensor values; nested values are refused with the field named. */
  public static Map<String, Object> fromJson(JsonNode node, String path) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isObject()) {
      throw IngestException.invalid(path, "must be an object of numbers, booleans or strings");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      JsonNode v = e.getValue();
      if (v.isNumber()) {
        values.put(e.getKey(), v.doubleValue());
      } else if (v.isBoolean()) {
        values.put(e.getKey(), v.booleanValue());
      } else if (v.isTextual()) {
        values.put(e.getKey(), v.textValue());
      } else if (!v.isNull()) {
        throw IngestException.invalid(path + "." + e.getKey(), "must be a number, boolean or string");
      }
    }
    return values;
  }

  /** Comma-separated alarms ({@code "sos,powerCut"}) as a list, blanks dropped. */
  public static List<String> alarms(String raw) {
    List<String> alarms = new ArrayList<>();
    for (String a : raw.split(",")) {
      if (!a.isBlank()) {
        alarms.add(a.trim());
      }
    }
    return alarms;
  }

  /**
   * Sets {@code sensors} on {@code position} and fills the typed fields from the well-known names
   * when they are not set yet: {@code temp1} or {@code temp} → temperatureC, {@code seal} →
   * sealClosed (true, "closed" or 1 = closed), {@code alarm} → alarms.
   */
  public static void apply(Position position, Map<String, Object> sensors) {
    applyOwned(position, new LinkedHashMap<>(sensors));
  }

  /**
   * {@link #apply} with a mutable map the position may keep as its sensors (a decoder's own, built
   * for this position): no copy of it is made.
   */
  public static void applyOwned(Position position, Map<String, Object> rest) {
    Object alarm = rest.remove("alarm");
    if (alarm != null) {
      List<String> all = new ArrayList<>(position.getAlarms());
      all.addAll(alarms(String.valueOf(alarm)));
      position.setAlarms(all);
    }
    if (position.getTemperatureC() == null) {
      Object t = rest.containsKey("temp1") ? rest.get("temp1") : rest.get("temp");
      if (t instanceof Double d) {
        position.setTemperatureC(d.floatValue());
      }
    }
    if (position.getSealClosed() == null && rest.containsKey("seal")) {
      position.setSealClosed(closed(rest.get("seal")));
    }
    if (position.getSensors() == rest || position.getSensors().isEmpty()) {
      position.setSensors(rest);
      return;
    }
    Map<String, Object> merged = new LinkedHashMap<>(position.getSensors());
    merged.putAll(rest);
    position.setSensors(merged);
  }

  private static Boolean closed(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Double d) {
      return d != 0;
    }
    String s = String.valueOf(v).toLowerCase(Locale.ROOT);
    return s.equals("closed") || s.equals("locked") || s.equals("sealed") ? Boolean.TRUE
        : s.equals("open") || s.equals("opened") || s.equals("broken") ? Boolean.FALSE : null;
  }
}
