package io.corridor.anpr.openalpr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.Point;
import io.corridor.anpr.RecognitionException;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizedPlate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the JSON that OpenALPR's {@code Alpr::toJson} produces (result format version 2) into
 * a {@link RecognitionResult}. Texts are kept as the engine read them; normalisation and format
 * correction happen afterwards in {@link io.corridor.anpr.plate.PlatePostProcessor}.
 *
 * <p>Follows OpenALPR's own semantics rather than its Java binding's: a plate's best reading is
 * the top-level {@code plate}, which OpenALPR sets to the first candidate that matches a pattern
 * template, not necessarily {@code candidates[0]}. Confidences (0-100) are scaled to 0..1. Unknown
 * fields (the commercial versions add {@code vehicle}, {@code uuid}, ...) are ignored; a missing
 * field that OpenALPR always writes is an error naming its path.
 *
 * <p>Thread-safe.
 */
public final class OpenAlprResultParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Parses one result document.
   *
   * @throws RecognitionException the text is not JSON, not an {@code alpr_results} document, or a
   *     required field is missing or of the wrong type
   */
  public RecognitionResult parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RecognitionException("OpenALPR returned malformed JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new RecognitionException("OpenALPR result is not a JSON object");
    }
    String dataType = root.path("data_type").asText("alpr_results");
    if (!dataType.equals("alpr_results")) {
      throw new RecognitionException("OpenALPR result has data_type '" + dataType + "', expected 'alpr_results'");
    }
    JsonNode results = array(root, "results", "");
    List<RecognizedPlate> plates = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      plates.add(plate(results.get(i), "results[" + i + "]"));
    }
    return new RecognitionResult(plates, integer(root, "img_width", ""), integer(root, "img_height", ""), totalTime(root));
  }

  private static RecognizedPlate plate(JsonNode node, String path) {
    List<PlateCandidate> candidates = new ArrayList<>();
    JsonNode list = node.has("candidates") ? array(node, "candidates", path) : JSON.createArrayNode();
    for (int i = 0; i < list.size(); i++) {
      candidates.add(candidate(list.get(i), path + ".candidates[" + i + "]"));
    }
    PlateCandidate best = candidate(node, path);
    int at = indexOfText(candidates, best.text());
    if (at >= 0) {
      candidates.addFirst(candidates.remove(at));
    } else {
      candidates.addFirst(best);
    }
    String region = node.path("region").asText("");
    return new RecognizedPlate(candidates, corners(node, path), null, null, region.isEmpty() ? null : region,
        percent(node.path("region_confidence").asDouble(0)), millis(number(node, "processing_time_ms", path)));
  }

  private static PlateCandidate candidate(JsonNode node, String path) {
    JsonNode plate = node.get("plate");
    if (plate == null || !plate.isTextual()) {
      throw missing(at(path, "plate"), "a string");
    }
    JsonNode matches = node.path("matches_template");
    // cJSON writes the C++ bool as a number; other producers write true/false.
    boolean matchesTemplate = matches.isBoolean() ? matches.booleanValue() : matches.asInt(0) != 0;
    return new PlateCandidate(plate.textValue(), percent(number(node, "confidence", path)), matchesTemplate);
  }

  private static List<Point> corners(JsonNode node, String path) {
    if (!node.has("coordinates")) {
      return List.of();
    }
    JsonNode coordinates = array(node, "coordinates", path);
    if (coordinates.size() != 4) {
      throw new RecognitionException("OpenALPR result " + path + ".coordinates has " + coordinates.size() + " points, expected 4");
    }
    List<Point> points = new ArrayList<>(4);
    for (int i = 0; i < 4; i++) {
      String point = path + ".coordinates[" + i + "]";
      points.add(new Point(integer(coordinates.get(i), "x", point), integer(coordinates.get(i), "y", point)));
    }
    return points;
  }

  private static Duration totalTime(JsonNode root) {
    // The open-source library writes processing_time_ms; the cloud API {"processing_time": {"total": ms}}.
    if (root.has("processing_time_ms")) {
      return millis(number(root, "processing_time_ms", ""));
    }
    return millis(root.path("processing_time").path("total").asDouble(0));
  }

  private static int indexOfText(List<PlateCandidate> candidates, String text) {
    for (int i = 0; i < candidates.size(); i++) {
      if (candidates.get(i).text().equals(text)) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode array(JsonNode node, String field, String parent) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw missing(at(parent, field), "an array");
    }
    return value;
  }

  private static double number(JsonNode node, String field, String parent) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw missing(at(parent, field), "a number");
    }
    return value.doubleValue();
  }

  private static int integer(JsonNode node, String field, String parent) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw missing(at(parent, field), "a number");
    }
    return value.intValue();
  }

  private static double percent(double value) {
    // OpenALPR's scores are percentages; rounding can push them a hair outside 0..100.
    return Math.min(1.0, Math.max(0.0, value / 100.0));
  }

  private static Duration millis(double ms) {
    return Duration.ofNanos(Math.round(Math.max(0, ms) * 1_000_000));
  }

  private static String at(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  private static RecognitionException missing(String path, String expected) {
    return new RecognitionException("OpenALPR result field " + path + " is missing or not " + expected);
  }
}
