package io.corridor.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Typed reads of JSON fields for the decoders of JSON bodies (plate reads, positions, drone
 * telemetry); every problem is a 400 {@link IngestException} naming the field by its path
 * ({@code reads[2].location.lat}). {@code path} is the prefix of the field's parent, empty or
 * ending in a dot.
 */
public final class JsonFields {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    // A second value after the first (NDJSON, concatenated objects) must be refused, not dropped.
    MAPPER.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
  }

  private JsonFields() {}

  /** Parses {@code body} as one JSON value. */
  public static JsonNode parse(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw IngestException.malformed("body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw IngestException.malformed("body cannot be read: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw IngestException.malformed("body is empty");
    }
    return root;
  }

  /** Whether {@code field} is there and not JSON null. */
  public static boolean present(JsonNode node, String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  /** A string field; {@code null} when absent and not required. */
  public static String text(JsonNode node, String path, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw IngestException.invalid(path + field, "is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw IngestException.invalid(path + field, "must be a string");
    }
    return value.textValue();
  }

  /** A number field; {@code null} when absent and not required. */
  public static Double number(JsonNode node, String path, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw IngestException.invalid(path + field, "is required");
      }
      return null;
    }
    if (!value.isNumber()) {
      throw IngestException.invalid(path + field, "must be a number");
    }
    return value.doubleValue();
  }

  /** A number field as a float, or {@code null}. */
  public static Float optionalFloat(JsonNode node, String path, String field) {
    Double value = number(node, path, field, false);
    return value == null ? null : value.floatValue();
  }

  /** A boolean field, or {@code null}. */
  public static Boolean bool(JsonNode node, String path, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw IngestException.invalid(path + field, "must be true or false");
    }
    return value.booleanValue();
  }

  /** An object field, or {@code null}. */
  public static JsonNode object(JsonNode node, String path, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw IngestException.invalid(path + field, "is required");
      }
      return null;
    }
    if (!value.isObject()) {
      throw IngestException.invalid(path + field, "must be an object");
    }
    return value;
  }

  /** A time field: ISO-8601 with zone, or epoch milliseconds. */
  public static Instant time(JsonNode node, String path, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw IngestException.invalid(path + field, "is required");
    }
    if (value.isIntegralNumber()) {
      return Instant.ofEpochMilli(value.longValue());
    }
    if (value.isTextual()) {
      try {
        return Instant.parse(value.textValue());
      } catch (DateTimeParseException e) {
        throw IngestException.invalid(path + field,
            "must be ISO-8601 with zone (2026-11-23T10:15:30Z) or epoch milliseconds");
      }
    }
    throw IngestException.invalid(path + field, "must be ISO-8601 text or epoch milliseconds");
  }
}
