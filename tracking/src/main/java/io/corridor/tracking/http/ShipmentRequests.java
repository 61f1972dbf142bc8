package io.corridor.tracking.http;

import io.corridor.events.http.ErrorResponse;
import io.corridor.tracking.shipments.HoldRefusal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/** How the cargo routes read a request's body, run their work off the event loop and answer refusals. */
final class ShipmentRequests {

  private ShipmentRequests() {}

  /**
   * Reads a request's JSON fields through {@code fields}; null after answering 400 (or the
   * refusal) when they are bad. An {@code optional} body may be empty.
   */
  static <T> T body(RoutingContext ctx, boolean optional, Function<JsonObject, T> fields) {
    try {
      JsonObject body = optional && ctx.body().length() <= 0 ? new JsonObject() : ctx.body().asJsonObject();
      if (body == null) {
        throw new BadInput("body", "must be a JSON object (Content-Type: application/json)");
      }
      return fields.apply(body);
    } catch (DecodeException | ClassCastException e) {
      ErrorResponse.send(ctx.response(), 400, "bad_request", "body", "not a JSON object");
    } catch (BadInput e) {
      ErrorResponse.send(ctx.response(), 400, "bad_request", e.field(), e.getMessage());
    } catch (HoldRefusal e) {
      refused(ctx, e);
    }
    return null;
  }

  /** A string field, null when absent; anything else is bad input naming it. */
  static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new BadInput(field, "must be a string");
    }
    return (String) value;
  }

  /** {@code work} whose refusal is its result, answered by the completion rather than as a failure. */
  static Callable<Object> refusable(Callable<Object> work) {
    return () -> {
      try {
        return work.call();
      } catch (HoldRefusal e) {
        return e;
      }
    };
  }

  /** 409 for a conflict, 400 otherwise, naming the field. */
  static void refused(RoutingContext ctx, HoldRefusal e) {
    if (e.kind() == HoldRefusal.Kind.CONFLICT) {
      ErrorResponse.send(ctx.response(), 409, "conflict", e.field(), e.getMessage());
    } else {
      ErrorResponse.send(ctx.response(), 400, "bad_request", e.field(), e.getMessage());
    }
  }

  /** {@code body}, or 404 naming shipment {@code id} when it is null (no such shipment). */
  static void answer(RoutingContext ctx, JsonObject body, String id) {
    if (body == null) {
      ErrorResponse.send(ctx.response(), 404, "not_found", "id", "no shipment " + id);
    } else {
      ctx.json(body);
    }
  }

  /** Runs {@code work} on a worker (it blocks on the database), then {@code done} with its result; 503 when it fails. */
  static void blocking(RoutingContext ctx, Callable<Object> work, Consumer<Object> done) {
    ctx.vertx().executeBlocking(work, false).onSuccess(done::accept).onFailure(e -> ErrorResponse.unavailable(ctx.response(),
        5, "shipments unavailable: " + (e instanceof SQLException ? "database unreachable" : e.getMessage())));
  }
}
