package io.corridor.rules.http;

import io.corridor.events.http.ErrorResponse;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.corridor.rules.evidence.EvidenceService;
import io.corridor.rules.violations.ReviewAction;
import io.corridor.rules.violations.ReviewException;
import io.corridor.rules.violations.ReviewRequest;
import io.corridor.rules.violations.ReviewService;
import io.corridor.rules.violations.ViolationFilter;
import io.corridor.rules.violations.ViolationQueries;
import io.corridor.rules.violations.ViolationRecord;
import io.corridor.rules.violations.ViolationStatus;
import io.corridor.storage.AuditLog;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The officers' violation routes (role {@code officer}): the review queue, one violation, its
 * signed evidence package, and the review steps. Thin: parse, run the service on a worker, answer.
 */
public final class ViolationRoutes {

  private static final int MAX_BODY = 16_384;

  private final UserAuth users;
  private final ViolationQueries queries;
  private final ReviewService review;
  private final EvidenceService evidence;
  private final AuditLog audit;
  private final int maxPage;

  /** Wires the routes to their services. */
  public ViolationRoutes(UserAuth users, ViolationQueries queries, ReviewService review, EvidenceService evidence,
      AuditLog audit, int maxPage) {
    this.users = users;
    this.queries = queries;
    this.review = review;
    this.evidence = evidence;
    this.audit = audit;
    this.maxPage = maxPage;
  }

  /** Adds the routes to {@code router}. */
  public void mount(Router router) {
    router.route("/v1/violations*").handler(users.authenticate()).handler(users.require(Role.OFFICER));
    router.get("/v1/violations").handler(this::list);
    router.get("/v1/violations/:id").handler(this::one);
    router.get("/v1/violations/:id/evidence").handler(this::evidence);
    router.post("/v1/violations/:id/:action").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(users.validate()).handler(this::act);
  }

  private void list(RoutingContext ctx) {
    ViolationFilter filter;
    try {
      filter = filter(ctx);
    } catch (IllegalArgumentException e) {
      String[] fieldAndReason = e.getMessage().split(":", 2);
      ErrorResponse.send(ctx.response(), 400, "bad_parameter", fieldAndReason[0], fieldAndReason[1].trim());
      return;
    }
    String officer = users.subject(ctx);
    blocking(ctx, () -> queries.list(officer, filter), page -> {
      JsonArray items = new JsonArray();
      page.forEach(v -> items.add(v.toJson()));
      JsonObject body = new JsonObject().put("violations", items);
      body.put("next", page.size() < filter.limit() ? null : new ViolationFilter.Cursor(
          page.get(page.size() - 1).foundAt(), page.get(page.size() - 1).id()).encode());
      ctx.json(body);
    });
  }

  private ViolationFilter filter(RoutingContext ctx) {
    String status = ctx.queryParams().get("status");
    ViolationStatus parsedStatus = null;
    if (status != null && !status.isBlank()) {
      try {
        parsedStatus = ViolationStatus.parse(status.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("status: " + e.getMessage());
      }
    }
    String kind = blankToNull(ctx.queryParams().get("kind"));
    if (kind != null && !kind.matches("[A-Z_]{1,40}")) {
      throw new IllegalArgumentException("kind: must be a violation kind such as SPEED or AVERAGE_SPEED");
    }
    Instant since = null;
    String sinceText = blankToNull(ctx.queryParams().get("since"));
    if (sinceText != null) {
      try {
        since = Instant.parse(sinceText);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("since: must be ISO-8601 with zone, e.g. 2026-11-23T08:00:00Z");
      }
    }
    String after = blankToNull(ctx.queryParams().get("after"));
    int limit = maxPage;
    String limitText = blankToNull(ctx.queryParams().get("limit"));
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("limit: must be an integer");
      }
      if (limit < 1 || limit > maxPage) {
        throw new IllegalArgumentException("limit: must be between 1 and " + maxPage);
      }
    }
    return new ViolationFilter(parsedStatus, kind, blankToNull(ctx.queryParams().get("camera")), since,
        after == null ? null : ViolationFilter.Cursor.parse(after), limit);
  }

  private void one(RoutingContext ctx) {
    String officer = users.subject(ctx);
    String id = ctx.pathParam("id");
    blocking(ctx, () -> queries.find(officer, id, "violations.read")
        .orElseThrow(() -> new NotFound(id)), v -> ctx.json(v.toJson()));
  }

  private void evidence(RoutingContext ctx) {
    String officer = users.subject(ctx);
    String id = ctx.pathParam("id");
    blocking(ctx, () -> {
      JsonObject pkg = evidence.build(id).orElseThrow(() -> new NotFound(id));
      audit.append(new AuditLog.Entry(officer, Role.OFFICER.claim(), "violations.evidence", "violation " + id, 1,
          "evidence package"));
      return pkg;
    }, pkg -> ctx.response().putHeader("Content-Type", "application/json")
        .putHeader("Content-Disposition", "attachment; filename=\"evidence-" + id + ".json\"").end(pkg.encode()));
  }

  private void act(RoutingContext ctx) {
    ReviewAction action = action(ctx.pathParam("action"));
    if (action == null) {
      ErrorResponse.send(ctx.response(), 404, "not_found", "action", "no review step '" + ctx.pathParam("action")
          + "'; one of confirm, dismiss, issue, close");
      return;
    }
    JsonObject body;
    try {
      String text = ctx.body().asString();
      body = text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      ErrorResponse.send(ctx.response(), 400, "bad_request", "body", "must be a JSON object");
      return;
    }
    ReviewRequest request;
    try {
      request = new ReviewRequest(users.subject(ctx), action, string(body, "reasonCode"), string(body, "note"),
          string(body, "reference"));
    } catch (IllegalArgumentException e) {
      ErrorResponse.send(ctx.response(), 400, "bad_request", e.getMessage(), "must be a string");
      return;
    }
    String id = ctx.pathParam("id");
    blocking(ctx, () -> {
      ViolationRecord after = review.apply(id, request);
      audit.append(new AuditLog.Entry(request.officer(), Role.OFFICER.claim(), "violations." + action.path(),
          "violation " + id, 1, request.reasonCode() == null ? "" : "reason=" + request.reasonCode()));
      return after;
    }, v -> ctx.json(v.toJson()));
  }

  private static ReviewAction action(String path) {
    for (ReviewAction a : ReviewAction.values()) {
      if (a.path().equals(path)) {
        return a;
      }
    }
    return null;
  }

  private static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException(field);
    }
    return (String) value;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Not found, thrown from a worker and answered 404. */
  private static final class NotFound extends RuntimeException {
    NotFound(String id) {
      super("no violation " + id);
    }
  }

  private <T> void blocking(RoutingContext ctx, Callable<T> work, java.util.function.Consumer<T> answer) {
    ctx.vertx().executeBlocking(work, false).onSuccess(answer::accept).onFailure(e -> {
      if (e instanceof ReviewException r) {
        JsonObject error = new JsonObject().put("error", r.error()).put("reason", r.getMessage());
        if (r.field() != null) {
          error.put("field", r.field());
        }
        if (r.current() != null) {
          error.put("status", r.current().code());
        }
        ctx.response().setStatusCode(r.status()).putHeader("Content-Type", "application/json").end(error.encode());
      } else if (e instanceof NotFound) {
        ErrorResponse.send(ctx.response(), 404, "not_found", "id", e.getMessage());
      } else {
        ErrorResponse.unavailable(ctx.response(), 5, "violations unavailable: database unreachable");
      }
    });
  }
}
