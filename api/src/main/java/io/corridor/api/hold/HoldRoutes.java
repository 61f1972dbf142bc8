package io.corridor.api.hold;

import io.corridor.api.LawfulHttp;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.vertx.ext.web.Router;

/**
 * {@code POST /v1/holds} (analyst marks reads of a warrant's case), {@code GET /v1/holds}
 * (auditor, approver). A case's hold is released by closing the case ({@code POST
 * /v1/cases/{caseId}/close}), a violation's by closing the violation.
 */
public final class HoldRoutes {

  private final HoldService service;
  private final UserAuth users;

  /** Routes over {@code service}. */
  public HoldRoutes(HoldService service, UserAuth users) {
    this.service = service;
    this.users = users;
  }

  /** Adds the routes. */
  public void mount(Router router) {
    router.post("/v1/holds").handler(LawfulHttp.body()).handler(users.authenticate()).handler(users.require(Role.ANALYST))
        .handler(ctx -> LawfulHttp.answer(ctx, 201, () -> service.hold(LawfulHttp.subject(ctx), LawfulHttp.json(ctx))));
    router.get("/v1/holds").handler(users.authenticate()).handler(users.require(Role.AUDITOR, Role.APPROVER))
        .handler(ctx -> LawfulHttp.answer(ctx, 200, service::list));
  }
}
