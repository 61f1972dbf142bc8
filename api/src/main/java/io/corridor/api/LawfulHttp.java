package io.corridor.api;

import io.corridor.events.http.ErrorResponse;
import io.corridor.platform.auth.RequireRole;
import io.corridor.platform.auth.Role;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin HTTP side of lawful access: runs a service call off the event loop and maps its outcome
 * to JSON: {@link BadRequest} 400 naming the field, {@link Refused} 403/404/409 with its code,
 * anything else (the database or the audit log unreachable) 503 with Retry-After, so nothing is
 * answered that was not audited.
 */
public final class LawfulHttp {

  /** Largest JSON body a lawful-access endpoint reads. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(LawfulHttp.class);

  private LawfulHttp() {}

  /** Reads JSON bodies up to {@link #MAX_BODY_BYTES}. */
  public static Handler<RoutingContext> body() {
    return BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
  }

  /** The request body as a JSON object; {@link BadRequest} when it is not one. */
  public static JsonObject json(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
      if (body == null) {
        throw new BadRequest("body", "a JSON object body is required");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new BadRequest("body", "the body is not a JSON object");
    }
  }

  /** The first of {@code roles} the user holds (the role the request is made in). */
  public static Role roleOf(RoutingContext ctx, Role... roles) {
    for (Role role : roles) {
      if (RequireRole.holds(ctx.user(), role)) {
        return role;
      }
    }
    return roles[0];
  }

  /** The user's subject, or {@code unknown}. */
  public static String subject(RoutingContext ctx) {
    String subject = ctx.user() == null ? null : ctx.user().subject();
    return subject == null ? "unknown" : subject;
  }

  /** Query parameter {@code limit}: 1 to {@code maxPage}, default min(100, maxPage). */
  public static int limitParam(RoutingContext ctx, int maxPage) {
    String value = ctx.queryParams().get("limit");
    try {
      int limit = value == null || value.isBlank() ? Math.min(100, maxPage) : Integer.parseInt(value);
      if (limit < 1 || limit > maxPage) {
        throw new BadRequest("limit", "limit must be between 1 and " + maxPage);
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new BadRequest("limit", "limit must be an integer");
    }
  }

  /** An ISO-8601 query parameter, or {@code fallback} when absent. */
  public static java.time.Instant instantParam(RoutingContext ctx, String name, java.time.Instant fallback) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return java.time.Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadRequest(name, name + " must be ISO-8601 with zone, e.g. 2026-11-23T08:00:00Z");
    }
  }

  /** Runs {@code work} on a worker and answers {@code status} with its JSON, or the mapped error. */
  public static void answer(RoutingContext ctx, int status, Callable<JsonObject> work) {
    ctx.vertx().executeBlocking(work, false).onComplete(done -> {
      if (done.succeeded()) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(done.result().encode());
        return;
      }
      Throwable e = done.cause();
      if (e instanceof BadRequest bad) {
        ErrorResponse.send(ctx.response(), 400, "bad_parameter", bad.field(), bad.getMessage());
      } else if (e instanceof Refused refused) {
        ErrorResponse.send(ctx.response(), refused.status(), refused.error(), null, refused.getMessage());
      } else {
        LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), e.toString());
        ErrorResponse.unavailable(ctx.response(), 5,
            "not answered: the database or the audit log cannot be reached, and nothing is answered unaudited");
      }
    });
  }
}
