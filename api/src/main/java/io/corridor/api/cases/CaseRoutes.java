package io.corridor.api.cases;

import io.corridor.api.LawfulHttp;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.vertx.ext.web.Router;

/** {@code POST /v1/cases/{caseId}/close} (approver): the case is over, its hold released. */
public final class CaseRoutes {

  private final CaseService service;
  private final UserAuth users;

  /** Routes over {@code service}. */
  public CaseRoutes(CaseService service, UserAuth users) {
    this.service = service;
    this.users = users;
  }

  /** Adds the routes. */
  public void mount(Router router) {
    router.post("/v1/cases/:caseId/close").handler(LawfulHttp.body()).handler(users.authenticate())
        .handler(users.require(Role.APPROVER))
        .handler(ctx -> LawfulHttp.answer(ctx, 200,
            () -> service.close(LawfulHttp.subject(ctx), ctx.pathParam("caseId"), LawfulHttp.json(ctx))));
  }
}
