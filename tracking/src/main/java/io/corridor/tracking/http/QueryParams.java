package io.corridor.tracking.http;

import io.corridor.events.http.ErrorResponse;
import io.corridor.tracking.shipments.GoodsClass;
import io.corridor.tracking.shipments.ShipmentFilter;
import io.corridor.tracking.shipments.ShipmentState;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Path and query parameters of the shipment API, each error naming its parameter. */
final class QueryParams {

  private QueryParams() {}

  /** The shipment id in the path, canonical; null after answering 400 when it is not a UUID. */
  static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return isUuid(id) ? id.toLowerCase() : fail(ctx, id);
  }

  /** Whether {@code value} is a UUID in its canonical form (any case). */
  static boolean isUuid(String value) {
    try {
      return value != null && UUID.fromString(value).toString().equals(value.toLowerCase());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String fail(RoutingContext ctx, String id) {
    ErrorResponse.send(ctx.response(), 400, "bad_parameter", "id", "must be a shipment id (UUID), not '" + id + "'");
    return null;
  }

  /** The listing filter from {@code state}, {@code goods}, {@code alerting}, {@code next} and {@code limit}. */
  static ShipmentFilter filter(RoutingContext ctx, int maxPage) {
    ShipmentState state = null;
    GoodsClass goods = null;
    Boolean alerting = null;
    String value = ctx.queryParams().get("state");
    if (value != null && !value.isBlank()) {
      try {
        state = ShipmentState.parse(value);
      } catch (IllegalArgumentException e) {
        throw new BadInput("state", e.getMessage());
      }
    }
    value = ctx.queryParams().get("goods");
    if (value != null && !value.isBlank()) {
      try {
        goods = GoodsClass.parse(value);
      } catch (IllegalArgumentException e) {
        throw new BadInput("goods", e.getMessage());
      }
    }
    value = ctx.queryParams().get("alerting");
    if (value != null && !value.isBlank()) {
      if (!value.equals("true") && !value.equals("false")) {
        throw new BadInput("alerting", "must be true or false");
      }
      alerting = Boolean.parseBoolean(value);
    }
    Instant before = null;
    String beforeId = null;
    value = ctx.queryParams().get("next");
    if (value != null && !value.isBlank()) {
      String[] parts = value.split(",", 2);
      try {
        before = Instant.parse(parts[0]);
        beforeId = UUID.fromString(parts[1]).toString();
      } catch (RuntimeException e) {
        throw new BadInput("next", "must be the next value of a previous answer");
      }
    }
    return new ShipmentFilter(state, goods, alerting, before, beforeId, integer(ctx, "limit", 100, maxPage));
  }

  /** An ISO-8601 instant parameter, or {@code fallback} when absent. */
  static Instant instant(RoutingContext ctx, String name, Instant fallback) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadInput(name, "must be ISO-8601 with zone, e.g. 2026-11-24T08:00:00Z");
    }
  }

  /** An integer parameter from 1 to {@code max}, or {@code fallback} when absent. */
  static int integer(RoutingContext ctx, String name, int fallback, int max) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(value);
      if (v < 1 || v > max) {
        throw new BadInput(name, "must be between 1 and " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadInput(name, "must be an integer");
    }
  }
}
