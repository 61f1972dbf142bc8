package io.corridor.rules.engine.doc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads typed fields out of a parsed YAML or JSON document, collecting every problem as a
 * {@link RuleError} (rule, field path, reason) instead of stopping at the first, so an operator
 * fixes a document in one go. Getters return {@code null} (or the default) for a bad or missing
 * field after recording the error; {@link #check()} throws when anything was recorded.
 */
public final class Fields {

  private final String rule;
  private final List<RuleError> errors;
  private final JsonNode node;
  private final String path;

  /** Fields of the document {@code rule}, rooted at {@code node}. */
  public Fields(String rule, JsonNode node) {
    this(rule, new ArrayList<>(), node, "");
  }

  private Fields(String rule, List<RuleError> errors, JsonNode node, String path) {
    this.rule = rule;
    this.errors = errors;
    this.node = node;
    this.path = path;
  }

  /** The dotted path of {@code name} under this node. */
  public String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** Records an error on {@code name}. */
  public void error(String name, String reason) {
    errors.add(new RuleError(rule, path(name), reason));
  }

  /** Whether {@code name} is present and not null. */
  public boolean has(String name) {
    return node.hasNonNull(name);
  }

  /** A required non-empty string. */
  public String string(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      error(name, "is required");
      return null;
    }
    if (!v.isValueNode() || v.asText().isBlank()) {
      error(name, "must be a non-empty text");
      return null;
    }
    return v.asText().trim();
  }

  /** An optional string, {@code fallback} when absent. */
  public String string(String name, String fallback) {
    return has(name) ? string(name) : fallback;
  }

  /** A required number in [{@code min}, {@code max}]. */
  public Double number(String name, double min, double max) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      error(name, "is required");
      return null;
    }
    if (!v.isNumber()) {
      error(name, "must be a number, got '" + v.asText() + "'");
      return null;
    }
    double d = v.asDouble();
    if (d < min || d > max || Double.isNaN(d)) {
      error(name, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(d));
      return null;
    }
    return d;
  }

  /** An optional number, {@code fallback} when absent. */
  public double number(String name, double min, double max, double fallback) {
    if (!has(name)) {
      return fallback;
    }
    Double d = number(name, min, max);
    return d == null ? fallback : d;
  }

  /** A required whole number in [{@code min}, {@code max}]. */
  public Integer integer(String name, int min, int max) {
    JsonNode v = node.get(name);
    if (v != null && v.isNumber() && !v.canConvertToExactIntegral()) {
      error(name, "must be a whole number, got " + v.asText());
      return null;
    }
    Double d = number(name, min, max);
    return d == null ? null : d.intValue();
  }

  /** An optional whole number, {@code fallback} when absent. */
  public int integer(String name, int min, int max, int fallback) {
    if (!has(name)) {
      return fallback;
    }
    Integer i = integer(name, min, max);
    return i == null ? fallback : i;
  }

  /** An optional boolean. */
  public boolean bool(String name, boolean fallback) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      error(name, "must be true or false, got '" + v.asText() + "'");
      return fallback;
    }
    return v.asBoolean();
  }

  /** A duration written as {@code 500ms}, {@code 2s}, {@code 5m}, {@code 2h} or ISO-8601 {@code PT2H}. */
  public Duration duration(String name, Duration fallback) {
    if (!has(name)) {
      if (fallback == null) {
        error(name, "is required");
      }
      return fallback;
    }
    return parsed(name, Fields::parseDuration, "a duration like 500ms, 2s, 5m, 2h or PT2H");
  }

  /** A required date {@code YYYY-MM-DD}. */
  public LocalDate date(String name) {
    if (!has(name)) {
      error(name, "is required");
      return null;
    }
    return parsed(name, LocalDate::parse, "a date like 2027-03-31");
  }

  /** A required local time {@code HH:MM}. */
  public LocalTime time(String name) {
    if (!has(name)) {
      error(name, "is required");
      return null;
    }
    return parsed(name, s -> s.equals("24:00") ? LocalTime.MAX : LocalTime.parse(s), "a local time like 07:00 (or 24:00)");
  }

  /** An optional time zone, {@code fallback} when absent. */
  public ZoneId zone(String name, ZoneId fallback) {
    if (!has(name)) {
      return fallback;
    }
    return parsed(name, ZoneId::of, "a time-zone id like Europe/Berlin");
  }

  /** A required value parsed from text by {@code parser}; its exception message becomes the reason. */
  public <T> T parsed(String name, Function<String, T> parser, String expected) {
    String s = string(name);
    if (s == null) {
      return null;
    }
    try {
      return parser.apply(s);
    } catch (DateTimeParseException e) {
      error(name, "must be " + expected + ", got '" + s + "'");
    } catch (RuntimeException e) {
      error(name, e.getMessage() == null ? "must be " + expected : e.getMessage());
    }
    return null;
  }

  /** The object under {@code name}; absent means an empty object unless {@code required}. */
  public Fields object(String name, boolean required) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        error(name, "is required");
      }
      return new Fields(rule, errors, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), path(name));
    }
    if (!v.isObject()) {
      error(name, "must be a mapping");
      return new Fields(rule, errors, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), path(name));
    }
    return new Fields(rule, errors, v, path(name));
  }

  /** The elements under list {@code name}; absent means empty unless {@code required}. */
  public List<Fields> list(String name, boolean required) {
    JsonNode v = node.get(name);
    List<Fields> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      if (required) {
        error(name, "is required");
      }
      return out;
    }
    if (!v.isArray()) {
      error(name, "must be a list");
      return out;
    }
    if (required && v.isEmpty()) {
      error(name, "must not be empty");
    }
    for (int i = 0; i < v.size(); i++) {
      out.add(new Fields(rule, errors, v.get(i), path(name) + "[" + i + "]"));
    }
    return out;
  }

  /** The texts of list {@code name}, each parsed by {@code parser}; a scalar counts as a one-element list. */
  public <T> List<T> values(String name, Function<String, T> parser, boolean required) {
    JsonNode v = node.get(name);
    List<T> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      if (required) {
        error(name, "is required");
      }
      return out;
    }
    int errorsBefore = errors.size();
    List<JsonNode> items = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(items::add);
    } else {
      items.add(v);
    }
    for (int i = 0; i < items.size(); i++) {
      String text = items.get(i).asText().trim();
      try {
        out.add(parser.apply(text));
      } catch (RuntimeException e) {
        errors.add(new RuleError(rule, path(name) + "[" + i + "]", e.getMessage() == null ? "bad value '" + text + "'" : e.getMessage()));
      }
    }
    if (required && out.isEmpty() && errors.size() == errorsBefore) {
      error(name, "must not be empty");
    }
    return out;
  }

  /** The names of this mapping's fields. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Records an error for every field not in {@code known}: a misspelt key is a mistake, not a no-op. */
  public void allowOnly(String... known) {
    List<String> allowed = List.of(known);
    for (String name : names()) {
      if (!allowed.contains(name)) {
        error(name, "unknown field; expected one of " + String.join(", ", allowed));
      }
    }
  }

  /** The raw node. */
  public JsonNode node() {
    return node;
  }

  /** The errors recorded so far by this document's fields. */
  public List<RuleError> errors() {
    return List.copyOf(errors);
  }

  /** Throws when any error was recorded. */
  public void check() throws RuleValidationException {
    if (!errors.isEmpty()) {
      throw new RuleValidationException(errors);
    }
  }

  /** Parses {@code 500ms}, {@code 2s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601. */
  public static Duration parseDuration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("must be a duration like 500ms, 2s, 5m, 2h or PT2H, got '" + s + "'");
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
