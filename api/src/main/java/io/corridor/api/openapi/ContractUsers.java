package io.corridor.api.openapi;

import io.corridor.platform.auth.RequireRole;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The node's {@link UserAuth}: the identity provider's authentication, and after the role check the
 * request validated against the operation of {@code openapi.yaml} its method and path name, so every
 * user route answers a bad request with the same 400 {@code {error, field, reason}} without wiring
 * the contract itself, and only after 401/403 (a stranger learns nothing from a 400). A route that
 * reads its body after the role check puts {@link #validate()} after its {@code BodyHandler}.
 */
public final class ContractUsers implements UserAuth {

  private final UserAuth identity;
  private final ApiContract contract;

  /** Authenticates through {@code identity}, validates against {@code contract}. */
  public ContractUsers(UserAuth identity, ApiContract contract) {
    this.identity = identity;
    this.contract = contract;
  }

  @Override
  public Handler<RoutingContext> authenticate() {
    return identity.authenticate();
  }

  /** The roles as {@link RequireRole} checks them (403 without one), then the contract. */
  @Override
  public Handler<RoutingContext> require(Role... roles) {
    Role[] allowed = roles.clone();
    return ctx -> {
      for (Role role : allowed) {
        if (RequireRole.holds(ctx.user(), role)) {
          contract.validateRequest(ctx, true);
          return;
        }
      }
      ctx.fail(403);
    };
  }

  @Override
  public Handler<RoutingContext> validate() {
    return ctx -> contract.validateRequest(ctx, false);
  }
}
