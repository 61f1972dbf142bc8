package io.corridor.api.warrants;

import io.corridor.api.BadRequest;
import io.corridor.api.LawfulHttp;
import io.corridor.platform.auth.RequireRole;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.corridor.storage.AuditLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /v1/warrants} (analyst), {@code GET /v1/warrants[/{id}]} (analyst: own; approver,
 * auditor: all), {@code POST /v1/warrants/{id}/approve|reject} (approver) and {@code .../revoke}
 * (approver, or the requesting analyst). Plates in a scope are shown to the requester and to
 * approvers, never to auditors, and showing them is audited.
 */
public final class WarrantRoutes {

  private final WarrantService service;
  private final WarrantRepository repository;
  private final AuditLog audit;
  private final UserAuth users;
  private final int maxPage;

  /** Routes over {@code service}. */
  public WarrantRoutes(WarrantService service, WarrantRepository repository, AuditLog audit, UserAuth users, int maxPage) {
    this.service = service;
    this.repository = repository;
    this.audit = audit;
    this.users = users;
    this.maxPage = maxPage;
  }

  /** Adds the routes. */
  public void mount(Router router) {
    router.post("/v1/warrants").handler(LawfulHttp.body()).handler(users.authenticate())
        .handler(users.require(Role.ANALYST))
        .handler(ctx -> LawfulHttp.answer(ctx, 201, () -> {
          Warrant w = service.request(LawfulHttp.subject(ctx), LawfulHttp.json(ctx));
          return service.toJson(w, true);
        }));
    router.get("/v1/warrants").handler(users.authenticate())
        .handler(users.require(Role.ANALYST, Role.APPROVER, Role.AUDITOR)).handler(this::list);
    router.get("/v1/warrants/:id").handler(users.authenticate())
        .handler(users.require(Role.ANALYST, Role.APPROVER, Role.AUDITOR)).handler(this::one);
    for (WarrantAction action : WarrantAction.values()) {
      Role[] roles = action == WarrantAction.REVOKE ? new Role[] {Role.APPROVER, Role.ANALYST} : new Role[] {Role.APPROVER};
      router.post("/v1/warrants/:id/" + action.path()).handler(LawfulHttp.body()).handler(users.authenticate())
          .handler(users.require(roles))
          .handler(ctx -> LawfulHttp.answer(ctx, 200, () -> {
            Role role = LawfulHttp.roleOf(ctx, roles);
            Warrant w = service.act(id(ctx), action, LawfulHttp.subject(ctx), role, LawfulHttp.json(ctx));
            return service.toJson(w, true);
          }));
    }
  }

  private void list(RoutingContext ctx) {
    LawfulHttp.answer(ctx, 200, () -> {
      Role role = LawfulHttp.roleOf(ctx, Role.APPROVER, Role.AUDITOR, Role.ANALYST);
      String subject = LawfulHttp.subject(ctx);
      Instant before = before(ctx);
      int limit = limit(ctx);
      List<Warrant> found = repository.list(role == Role.ANALYST ? subject : null, before, limit);
      boolean plates = role != Role.AUDITOR;
      disclose(subject, role, "warrants.list", found, plates);
      JsonArray items = new JsonArray();
      found.forEach(w -> items.add(service.toJson(w, plates)));
      JsonObject body = new JsonObject().put("items", items);
      if (found.size() == limit) {
        body.put("next", found.getLast().requestedAt().toString());
      }
      return body;
    });
  }

  private void one(RoutingContext ctx) {
    LawfulHttp.answer(ctx, 200, () -> {
      Role role = LawfulHttp.roleOf(ctx, Role.APPROVER, Role.AUDITOR, Role.ANALYST);
      String subject = LawfulHttp.subject(ctx);
      Warrant w = service.get(id(ctx));
      if (role == Role.ANALYST && !w.requestedBy().equals(subject)) {
        throw new io.corridor.api.Refused(404, "no_such_warrant", "no warrant " + w.id() + " of yours");
      }
      boolean plates = role != Role.AUDITOR;
      disclose(subject, role, "warrants.read", List.of(w), plates);
      return service.toJson(w, plates);
    });
  }

  private void disclose(String subject, Role role, String action, List<Warrant> shown, boolean plates)
      throws java.sql.SQLException {
    int plateCount = plates ? shown.stream().mapToInt(w -> w.plateHashes().size()).sum() : 0;
    audit.append(new AuditLog.Entry(subject, role.claim(), action, "warrants", plateCount,
        plates ? "scope plates shown" : "scope plates withheld", shown.size() == 1 ? shown.getFirst().id().toString() : null,
        null, null, shown.stream().map(w -> w.id().toString()).toList()));
  }

  private static UUID id(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("id", "the warrant id must be a UUID");
    }
  }

  private static Instant before(RoutingContext ctx) {
    return LawfulHttp.instantParam(ctx, "before", Instant.parse("9999-12-31T00:00:00Z"));
  }

  private int limit(RoutingContext ctx) {
    return LawfulHttp.limitParam(ctx, maxPage);
  }
}
