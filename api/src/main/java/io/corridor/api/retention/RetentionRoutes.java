package io.corridor.api.retention;

import io.corridor.api.LawfulHttp;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.vertx.ext.web.Router;

/** {@code GET /v1/retention} for auditors and operators: the report, read now. */
public final class RetentionRoutes {

  private final RetentionReport report;
  private final RetentionMetrics metrics;
  private final UserAuth users;

  /** Routes over {@code report}; each answer also refreshes {@code metrics}. */
  public RetentionRoutes(RetentionReport report, RetentionMetrics metrics, UserAuth users) {
    this.report = report;
    this.metrics = metrics;
    this.users = users;
  }

  /** Adds the route. */
  public void mount(Router router) {
    router.get("/v1/retention").handler(users.authenticate()).handler(users.require(Role.AUDITOR, Role.OPERATOR))
        .handler(ctx -> LawfulHttp.answer(ctx, 200, () -> {
          RetentionReport.Report now = report.build();
          metrics.update(now);
          return RetentionReport.toJson(now);
        }));
  }
}
