package io.corridor.ingest.openalpr;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.Point;
import io.corridor.events.GeoPoint;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.PlateText;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the JSON an OpenALPR / Rekor Scout agent posts to a webhook: {@code alpr_group} (one
 * vehicle), {@code alpr_results} (one frame); {@code alpr_alert}, {@code vehicle}, {@code heartbeat}
 * and the agent's test message are recognised and come back as {@link OpenAlprMessage.Ignored}, as
 * does a {@code data_type} this decoder does not know, so a newer agent is not refused for sending
 * more than Corridor reads.
 *
 * <p>The agent's confidences (0-100) become 0..1; plate texts are normalised; a missing or malformed
 * field Corridor needs is a 400 naming it by its JSON path. Plain: no I/O, no Vert.x context.
 */
public final class OpenAlprWebhookDecoder {

  /** Message types the agent sends that carry no read of their own. */
  public static final List<String> IGNORED_TYPES = List.of("alpr_alert", "vehicle", "heartbeat");

  /** The agent's webhook test message has no data_type, only this key. */
  private static final String TEST_KEY = "openalpr_webhook";

  /** Decodes one message. */
  public OpenAlprMessage decode(byte[] body) {
    JsonObject json = parse(body);
    String type = json.getValue("data_type") instanceof String s ? s : null;
    if (type == null) {
      if (json.containsKey(TEST_KEY)) {
        return new OpenAlprMessage.Ignored("test");
      }
      throw IngestException.invalid("data_type", "is required: alpr_group, alpr_results, alpr_alert, vehicle or heartbeat");
    }
    return switch (type) {
      case "alpr_group" -> group(json);
      case "alpr_results" -> frame(json);
      default -> new OpenAlprMessage.Ignored(IGNORED_TYPES.contains(type) ? type : "other");
    };
  }

  private static JsonObject parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw IngestException.malformed("empty body: expected one JSON message of the OpenALPR agent");
    }
    try {
      return new JsonObject(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      throw IngestException.malformed("not one JSON object (the agent posts one message per request): " + e.getMessage());
    }
  }

  private static OpenAlprMessage.Group group(JsonObject json) {
    Instant start = epoch(json, "epoch_start", "");
    Instant end = json.containsKey("epoch_end") ? epoch(json, "epoch_end", "") : start;
    Instant seenAt = json.containsKey("best_uuid_epoch_ms") ? epoch(json, "best_uuid_epoch_ms", "") : start;
    List<String> uuids = strings(json, "uuids");
    String bestUuid = optionalText(json, "best_uuid", "");
    String key = !uuids.isEmpty() ? uuids.getFirst() : bestUuid;
    if (key == null) {
      throw IngestException.invalid("best_uuid", "is required when uuids is missing: it identifies the group for retries");
    }
    JsonObject best = object(json, "best_plate", "");
    OpenAlprMessage.Plate plate = plate(best, "best_plate.", json.getValue("candidates") instanceof JsonArray a ? a : null);
    return new OpenAlprMessage.Group(key, uuids, start, end, seenAt, cameraNumber(json), agentCountry(json),
        location(json), plate, crop(json, "vehicle_crop_jpeg", ""), Boolean.TRUE.equals(json.getValue("is_preview")),
        optionalText(json, "agent_uid", ""));
  }

  private static OpenAlprMessage.Frame frame(JsonObject json) {
    String uuid = optionalText(json, "uuid", "");
    if (uuid == null) {
      throw IngestException.invalid("uuid", "is required: it identifies the frame for retries");
    }
    Instant takenAt = epoch(json, "epoch_time", "");
    if (!(json.getValue("results") instanceof JsonArray results)) {
      throw IngestException.invalid("results", "is required: the plates of the frame (an empty list when none)");
    }
    List<OpenAlprMessage.Plate> plates = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      if (!(results.getValue(i) instanceof JsonObject result)) {
        throw IngestException.invalid("results[" + i + "]", "must be an object");
      }
      plates.add(plate(result, "results[" + i + "].", null));
    }
    return new OpenAlprMessage.Frame(uuid, takenAt, cameraNumber(json), agentCountry(json),
        millis(json, "processing_time_ms"), plates, optionalText(json, "agent_uid", ""));
  }

  /** A plate result; {@code groupCandidates} are the group's own list, used when the plate has none. */
  private static OpenAlprMessage.Plate plate(JsonObject json, String at, JsonArray groupCandidates) {
    String text = optionalText(json, "plate", at);
    if (text == null) {
      throw IngestException.invalid(at + "plate", "is required: the agent's best reading");
    }
    double confidence = confidence(json.getValue("confidence"), at + "confidence");
    boolean template = matchesTemplate(json.getValue("matches_template"));
    List<PlateCandidate> candidates = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String best = PlateText.normalize(text);
    candidates.add(new PlateCandidate(best, confidence, template));
    seen.add(best);
    JsonArray others = json.getValue("candidates") instanceof JsonArray a ? a : groupCandidates;
    if (others != null) {
      for (int i = 0; i < others.size(); i++) {
        String field = (others == groupCandidates && json.getValue("candidates") == null ? "" : at) + "candidates[" + i + "]";
        if (!(others.getValue(i) instanceof JsonObject c) || !(c.getValue("plate") instanceof String p)) {
          throw IngestException.invalid(field, "must be an object with plate and confidence");
        }
        String normalized = PlateText.normalize(p);
        if (PlateText.isValid(normalized) && seen.add(normalized)) {
          candidates.add(new PlateCandidate(normalized, confidence(c.getValue("confidence"), field + ".confidence"),
              matchesTemplate(c.getValue("matches_template"))));
        }
      }
    }
    String region = optionalText(json, "region", at);
    double regionConfidence = json.getValue("region_confidence") instanceof Number n
        ? Math.clamp(n.doubleValue() / 100.0, 0.0, 1.0) : 0.0;
    return new OpenAlprMessage.Plate(candidates, corners(json, at), region, regionConfidence, template,
        millis(json, "processing_time_ms"), crop(json, "plate_crop_jpeg", at));
  }

  private static List<Point> corners(JsonObject json, String at) {
    Object value = json.getValue("coordinates");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() != 4) {
      throw IngestException.invalid(at + "coordinates", "must list the plate's 4 corners as {x, y}");
    }
    List<Point> corners = new ArrayList<>(4);
    for (int i = 0; i < 4; i++) {
      if (!(array.getValue(i) instanceof JsonObject p) || !(p.getValue("x") instanceof Number x)
          || !(p.getValue("y") instanceof Number y)) {
        throw IngestException.invalid(at + "coordinates[" + i + "]", "must be {x, y} in pixels");
      }
      corners.add(new Point(x.intValue(), y.intValue()));
    }
    return corners;
  }

  private static double confidence(Object value, String field) {
    if (!(value instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 100)) {
      throw IngestException.invalid(field, "must be a number from 0 to 100 (the agent's percent); got " + value);
    }
    return n.doubleValue() / 100.0;
  }

  private static boolean matchesTemplate(Object value) {
    return Boolean.TRUE.equals(value) || value instanceof Number n && n.intValue() != 0;
  }

  private static Instant epoch(JsonObject json, String key, String at) {
    if (!(json.getValue(key) instanceof Number n) || n.longValue() <= 0) {
      throw IngestException.invalid(at + key, "is required: epoch milliseconds");
    }
    return Instant.ofEpochMilli(n.longValue());
  }

  private static Duration millis(JsonObject json, String key) {
    return json.getValue(key) instanceof Number n && n.doubleValue() >= 0
        ? Duration.ofNanos((long) (n.doubleValue() * 1_000_000)) : Duration.ZERO;
  }

  private static long cameraNumber(JsonObject json) {
    // -1: absent (a camera's own key needs none; an agent's post is then refused, OpenAlprWebhook)
    return json.getValue("camera_id") instanceof Number n && n.longValue() >= 0 ? n.longValue() : -1;
  }

  private static String agentCountry(JsonObject json) {
    return json.getValue("country") instanceof String s && !s.isBlank() ? s.trim().toLowerCase(Locale.ROOT) : null;
  }

  private static GeoPoint location(JsonObject json) {
    if (json.getValue("gps_latitude") instanceof Number lat && json.getValue("gps_longitude") instanceof Number lon
        && (lat.doubleValue() != 0 || lon.doubleValue() != 0)) {
      return new GeoPoint(lat.doubleValue(), lon.doubleValue());
    }
    return null;
  }

  private static JsonObject object(JsonObject json, String key, String at) {
    if (!(json.getValue(key) instanceof JsonObject o)) {
      throw IngestException.invalid(at + key, "is required: an object");
    }
    return o;
  }

  private static String optionalText(JsonObject json, String key, String at) {
    Object value = json.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw IngestException.invalid(at + key, "must be a string");
    }
    return s.isBlank() ? null : s.trim();
  }

  private static List<String> strings(JsonObject json, String key) {
    if (!(json.getValue(key) instanceof JsonArray array)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String s) || s.isBlank()) {
        throw IngestException.invalid(key + "[" + i + "]", "must be the frame's uuid");
      }
      out.add(s);
    }
    return out;
  }

  private static byte[] crop(JsonObject json, String key, String at) {
    Object value = json.getValue(key);
    if (value == null || value instanceof String s && s.isEmpty()) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw IngestException.invalid(at + key, "must be a base64 JPEG");
    }
    try {
      return Base64.getMimeDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw IngestException.invalid(at + key, "is not valid base64: " + e.getMessage());
    }
  }
}
