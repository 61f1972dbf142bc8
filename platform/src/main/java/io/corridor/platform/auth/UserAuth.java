package io.corridor.platform.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * How user routes authenticate and authorise: put {@link #authenticate()} then
 * {@link #require(Role...)} in front of a handler. Authentication failures are 401 (missing,
 * expired, forged token), a valid token without an allowed role is 403.
 */
public interface UserAuth {

  /** Verifies the bearer token and sets {@code ctx.user()}; fails the request with 401 otherwise. */
  Handler<RoutingContext> authenticate();

  /** Lets the request through only when the authenticated user holds one of {@code roles}. */
  Handler<RoutingContext> require(Role... roles);

  /**
   * Validates the request against the public API's contract ({@code openapi.yaml}) and answers a
   * bad one 400. {@link #require} already does this on the node; a route that reads its body only
   * after the role check puts this after its {@code BodyHandler}. Without a contract (a bare
   * {@code UserAuth}) it lets every request through.
   */
  default Handler<RoutingContext> validate() {
    return RoutingContext::next;
  }

  /** The Corridor roles the authenticated user holds (empty without a user or a known role). */
  default Set<Role> roles(RoutingContext ctx) {
    Set<Role> held = EnumSet.noneOf(Role.class);
    for (Role role : Role.values()) {
      if (RequireRole.holds(ctx.user(), role)) {
        held.add(role);
      }
    }
    return held;
  }

  /** The authenticated user's subject (stable id), or {@code "unknown"}. */
  default String subject(RoutingContext ctx) {
    String subject = ctx.user() == null ? null : ctx.user().subject();
    return subject == null ? "unknown" : subject;
  }
}
