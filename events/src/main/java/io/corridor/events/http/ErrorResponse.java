package io.corridor.events.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The one shape of every HTTP error Corridor answers: {@code {"error", "field"?, "reason"}} with
 * the matching status, so devices and consoles handle errors one way.
 */
public final class ErrorResponse {

  private ErrorResponse() {}

  /** Ends {@code response} with {@code status} and the JSON error body. */
  public static Future<Void> send(HttpServerResponse response, int status, String error, String field, String reason) {
    JsonObject body = new JsonObject().put("error", error);
    if (field != null) {
      body.put("field", field);
    }
    body.put("reason", reason);
    return response.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  /** 503 with {@code Retry-After} in whole seconds. */
  public static Future<Void> unavailable(HttpServerResponse response, long retryAfterSeconds, String reason) {
    response.putHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    return send(response, 503, "unavailable", null, reason);
  }
}
