package io.corridor.rules.violations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A stored violation as officers see it.
 *
 * @param plate decrypted plate text, or null when the violation is not about a plate
 * @param record the violation as the rule found it (rule version, tolerance, retained value,
 *     calibration, ... as the engine's schema carries them), without plate
 * @param reads the reads it rests on, as copied when it was found
 * @param steps every review step so far, oldest first
 */
public record ViolationRecord(String id, String kind, String ruleId, String deviceId, Instant eventTime,
    Instant foundAt, ViolationStatus status, String plate, Double measured, Double limit, JsonObject record,
    String reference, Instant issuedAt, List<JsonObject> reads, List<ReviewStep> steps) {

  /** The JSON answer of {@code GET /v1/violations/{id}} and of each list item. */
  public JsonObject toJson() {
    JsonArray readArray = new JsonArray();
    reads.forEach(readArray::add);
    JsonArray history = new JsonArray();
    for (ReviewStep s : steps) {
      history.add(new JsonObject().put("action", s.action()).put("from", s.from().code()).put("to", s.to().code())
          .put("by", s.actor()).put("at", s.at().toString()).put("reasonCode", s.reasonCode()).put("note", s.note())
          .put("reference", s.reference()));
    }
    return new JsonObject().put("id", id).put("kind", kind).put("status", status.code()).put("ruleId", ruleId)
        .put("ruleVersion", record.getValue("ruleVersion")).put("deviceId", deviceId)
        .put("eventTime", eventTime.toString()).put("foundAt", foundAt.toString()).put("plate", plate)
        .put("measured", measured).put("limit", limit).put("reference", reference)
        .put("issuedAt", issuedAt == null ? null : issuedAt.toString())
        .put("detail", record).put("reads", readArray).put("review", history);
  }
}
