package io.corridor.api.queries;

import io.corridor.api.LawfulHttp;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.vertx.ext.web.Router;

/** {@code POST /v1/queries/plate-history|passes|convoy}, role analyst, each under a warrant. */
public final class QueryRoutes {

  private final QueryService service;
  private final UserAuth users;

  /** Routes over {@code service}. */
  public QueryRoutes(QueryService service, UserAuth users) {
    this.service = service;
    this.users = users;
  }

  /** Adds the routes. */
  public void mount(Router router) {
    router.post("/v1/queries/plate-history").handler(LawfulHttp.body()).handler(users.authenticate())
        .handler(users.require(Role.ANALYST))
        .handler(ctx -> LawfulHttp.answer(ctx, 200, () -> service.plateHistory(LawfulHttp.subject(ctx), LawfulHttp.json(ctx))));
    router.post("/v1/queries/passes").handler(LawfulHttp.body()).handler(users.authenticate())
        .handler(users.require(Role.ANALYST))
        .handler(ctx -> LawfulHttp.answer(ctx, 200, () -> service.passes(LawfulHttp.subject(ctx), LawfulHttp.json(ctx))));
    router.post("/v1/queries/convoy").handler(LawfulHttp.body()).handler(users.authenticate())
        .handler(users.require(Role.ANALYST))
        .handler(ctx -> LawfulHttp.answer(ctx, 200, () -> service.convoy(LawfulHttp.subject(ctx), LawfulHttp.json(ctx))));
  }
}
