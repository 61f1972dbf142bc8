package io.corridor.api.audit;

import io.corridor.api.LawfulHttp;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.corridor.storage.AuditLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/audit?from=&to=&actor=&warrant=&after=&limit=} for auditors. The auditor's own
 * reading is itself recorded, so the trail shows who looked at it.
 */
public final class AuditRoutes {

  private final AuditQueries queries;
  private final AuditLog audit;
  private final UserAuth users;
  private final int maxPage;

  /** Routes over {@code queries}. */
  public AuditRoutes(AuditQueries queries, AuditLog audit, UserAuth users, int maxPage) {
    this.queries = queries;
    this.audit = audit;
    this.users = users;
    this.maxPage = maxPage;
  }

  /** Adds the route. */
  public void mount(Router router) {
    router.get("/v1/audit").handler(users.authenticate()).handler(users.require(Role.AUDITOR)).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    LawfulHttp.answer(ctx, 200, () -> {
      Instant from = LawfulHttp.instantParam(ctx, "from", Instant.EPOCH);
      Instant to = LawfulHttp.instantParam(ctx, "to", Instant.parse("9999-12-31T00:00:00Z"));
      long after = afterParam(ctx);
      int limit = LawfulHttp.limitParam(ctx, maxPage);
      AuditQueries.Filter filter = new AuditQueries.Filter(from, to, blankToNull(ctx.queryParams().get("actor")),
          blankToNull(ctx.queryParams().get("warrant")), after, limit);
      List<JsonObject> rows = queries.find(filter);
      audit.append(new AuditLog.Entry(LawfulHttp.subject(ctx), Role.AUDITOR.claim(), "audit.read", "audit_log",
          rows.size(), "from=" + from + " to=" + to + " actor=" + filter.actor() + " warrant=" + filter.warrant()
              + " after=" + after + " limit=" + limit));
      JsonObject body = new JsonObject().put("items", new JsonArray(rows));
      if (rows.size() == limit) {
        body.put("next", rows.getLast().getLong("seq"));
      }
      return body;
    });
  }

  private static long afterParam(RoutingContext ctx) {
    String value = ctx.queryParams().get("after");
    try {
      return value == null || value.isBlank() ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new io.corridor.api.BadRequest("after", "after must be a sequence number (the 'next' of a previous page)");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
