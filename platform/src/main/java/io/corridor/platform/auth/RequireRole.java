package io.corridor.platform.auth;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through only when its verified token's {@code roles} claim holds one of the roles.
 * Runs after {@code JWTAuthHandler}, which has already checked signature, issuer and expiry.
 */
public final class RequireRole implements Handler<RoutingContext> {

  private final Role[] roles;

  private RequireRole(Role... roles) {
    this.roles = roles.clone();
  }

  /** A handler requiring one of {@code roles}. */
  public static RequireRole of(Role... roles) {
    return new RequireRole(roles);
  }

  /** Whether {@code user}'s token lists {@code role}. */
  public static boolean holds(User user, Role role) {
    if (user == null) {
      return false;
    }
    JsonObject claims = user.attributes().getJsonObject("accessToken");
    JsonArray roles = claims == null ? null : claims.getJsonArray("roles");
    return roles != null && roles.contains(role.claim());
  }

  @Override
  public void handle(RoutingContext ctx) {
    for (Role role : roles) {
      if (holds(ctx.user(), role)) {
        ctx.next();
        return;
      }
    }
    ctx.fail(403);
  }
}
