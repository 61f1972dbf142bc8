package io.corridor.rules.http;

import io.corridor.events.http.ErrorResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * {@code POST /v1/signals} for junction controllers: same device headers and answers as
 * {@code /v1/reads}: 200 {@code {"accepted": ids}} only after commit, 400/401/403 with
 * {@code {error, field?, reason}}, 503 with {@code Retry-After} when the database is down.
 */
public final class SignalRoutes {

  private static final int MAX_BODY = 262_144;

  private final SignalService service;
  private final long retryAfterSeconds;

  /** Adapts {@code service}. */
  public SignalRoutes(SignalService service, long retryAfterSeconds) {
    this.service = service;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Adds the route to {@code router}. */
  public void mount(Router router) {
    router.post("/v1/signals").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(this::post);
  }

  private void post(RoutingContext ctx) {
    List<SignalService.Stored> phases;
    try {
      phases = service.parse(ctx.request().getHeader("X-Device-Id"), ctx.request().getHeader("X-Device-Key"),
          ctx.body().asString());
    } catch (SignalService.Refused r) {
      ErrorResponse.send(ctx.response(), r.status, r.error, r.field, r.getMessage());
      return;
    }
    ctx.vertx().executeBlocking(() -> service.store(phases), false)
        .onSuccess(fresh -> {
          JsonArray ids = new JsonArray();
          phases.forEach(p -> ids.add(p.eventId()));
          ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("accepted", ids).encode());
          ctx.vertx().executeBlocking(() -> {
            service.deliver(fresh); // after the answer: the phases are committed, the rules may take their time
            return null;
          }, false);
        })
        .onFailure(e -> ErrorResponse.unavailable(ctx.response(), retryAfterSeconds, "signals not stored: database unavailable"));
  }
}
