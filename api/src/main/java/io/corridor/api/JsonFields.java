package io.corridor.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of JSON request fields that fail with a {@link BadRequest} naming the field. */
public final class JsonFields {

  private JsonFields() {}

  /** A non-blank string. */
  public static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new BadRequest(field, field + " is required (a non-empty string)");
    }
    if (s.length() > 2000) {
      throw new BadRequest(field, field + " is longer than 2000 characters");
    }
    return s.strip();
  }

  /** An ISO-8601 instant. */
  public static Instant instant(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String s)) {
      throw new BadRequest(field, field + " is required (ISO-8601 with zone, e.g. 2026-11-23T08:00:00Z)");
    }
    try {
      return Instant.parse(s).truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it
    } catch (DateTimeParseException e) {
      throw new BadRequest(field, field + " must be ISO-8601 with zone, e.g. 2026-11-23T08:00:00Z");
    }
  }

  /** An optional list of non-blank strings (empty when absent). */
  public static List<String> texts(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new BadRequest(field, field + " must be an array of strings");
    }
    List<String> result = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw new BadRequest(field, field + " must be an array of non-empty strings");
      }
      result.add(s.strip());
    }
    return result;
  }

  /** An optional integer in [min, max]. */
  public static int integer(JsonObject body, String field, int fallback, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new BadRequest(field, field + " must be an integer");
    }
    if (n.longValue() < min || n.longValue() > max) {
      throw new BadRequest(field, field + " must be between " + min + " and " + max);
    }
    return n.intValue();
  }

  /** A positive duration in seconds. */
  public static Duration seconds(JsonObject body, String field, int max) {
    if (body.getValue(field) == null) {
      throw new BadRequest(field, field + " is required (seconds)");
    }
    return Duration.ofSeconds(integer(body, field, 0, 1, max));
  }

  /** A window {@code from < to}, checked. */
  public static Instant[] window(JsonObject body) {
    Instant from = instant(body, "from");
    Instant to = instant(body, "to");
    if (!to.isAfter(from)) {
      throw new BadRequest("to", "to must be after from");
    }
    return new Instant[] {from, to};
  }
}
