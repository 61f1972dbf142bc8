package io.corridor.api;

import io.corridor.api.openapi.ApiContract;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;

import io.corridor.events.http.ErrorResponse;
import io.corridor.storage.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;

/**
 * HTTP adapter for users and operators: {@code /health}, {@code /ready}, {@code /metrics} and the
 * bearer-token API under {@code /v1}. Every read of personal data is audited before it is answered;
 * when the audit cannot be written the answer is 503, never unaudited data.
 */
public final class ApiRoutes {

  /** Reports whether this node can serve: cluster safe and database reachable. */
  public interface Readiness {
    /** Completes with {@code {"ready": bool, ...details}}. */
    Future<JsonObject> check();
  }

  private final UserAuth users;
  private final ApiContract contract;
  private final AlertQueries alerts;
  private final AuditLog audit;
  private final ApiOptions options;
  private final Readiness readiness;
  private final Supplier<String> metrics;

  /** Wires the routes to their services. */
  public ApiRoutes(UserAuth users, ApiContract contract, AlertQueries alerts, AuditLog audit, ApiOptions options,
      Readiness readiness, Supplier<String> metrics) {
    this.users = users;
    this.contract = contract;
    this.alerts = alerts;
    this.audit = audit;
    this.options = options;
    this.readiness = readiness;
    this.metrics = metrics;
  }

  /** Adds the routes to {@code router}. */
  public void mount(Router router) {
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.get()));

    router.route("/v1/alerts").handler(users.authenticate());
    router.get("/v1/alerts")
        .handler(users.require(Role.OFFICER))
        .handler(contract.validate("listAlerts"))
        .handler(this::listAlerts);
  }

  private void ready(RoutingContext ctx) {
    readiness.check().onComplete(result -> {
      JsonObject body = result.succeeded() ? result.result()
          : new JsonObject().put("ready", false).put("reason", String.valueOf(result.cause()));
      ctx.response().setStatusCode(body.getBoolean("ready", false) ? 200 : 503)
          .putHeader("Content-Type", "application/json").end(body.encode());
    });
  }

  private void listAlerts(RoutingContext ctx) {
    Instant since;
    int limit;
    try {
      since = instantParam(ctx, "since", Instant.now().minus(Duration.ofDays(1)));
      limit = intParam(ctx, "limit", options.maxPage(), 1, options.maxPage());
    } catch (IllegalArgumentException e) {
      String[] fieldAndReason = e.getMessage().split(":", 2);
      ErrorResponse.send(ctx.response(), 400, "bad_parameter", fieldAndReason[0], fieldAndReason[1].trim());
      return;
    }
    String subject = ctx.user().subject();
    ctx.vertx().<List<AlertView>>executeBlocking(() -> {
      List<AlertView> found = alerts.since(since, limit);
      audit.append(new AuditLog.Entry(subject == null ? "unknown" : subject, Role.OFFICER.claim(), "alerts.list",
          "alerts raised after " + since, found.size(), "limit=" + limit));
      return found;
    }, false).onSuccess(found -> {
      JsonArray items = new JsonArray();
      found.forEach(a -> items.add(new JsonObject()
          .put("id", a.id()).put("kind", a.kind()).put("severity", a.severity()).put("ruleId", a.ruleId())
          .put("subjectId", a.subjectId()).put("deviceId", a.deviceId())
          .put("eventTime", a.eventTime().toString()).put("raisedAt", a.raisedAt().toString())
          .put("reason", a.reason()).put("plate", a.plate())));
      JsonObject body = new JsonObject().put("alerts", items);
      if (!found.isEmpty()) {
        body.put("next", found.get(found.size() - 1).raisedAt().toString());
      }
      ctx.json(body);
    }).onFailure(e -> ErrorResponse.unavailable(ctx.response(), 5, "alerts unavailable: database unreachable"));
  }

  private static Instant instantParam(RoutingContext ctx, String name, Instant fallback) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": must be ISO-8601 with zone, e.g. 2026-11-23T08:00:00Z");
    }
  }

  private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException(name + ": must be between " + min + " and " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": must be an integer");
    }
  }
}
