package io.corridor.platform.auth;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through only when its verified user holds one of the roles: the roles the
 * authenticating {@link UserAuth} put in the user's {@link #ROLES_ATTRIBUTE} attribute (read from
 * the provider's configured claim), else the token's {@code roles} claim. Runs after
 * authentication, which has already checked signature, issuer, audience and expiry.
 */
public final class RequireRole implements Handler<RoutingContext> {

  /** User attribute holding the Corridor role names an identity provider's token granted. */
  public static final String ROLES_ATTRIBUTE = "corridorRoles";

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
    JsonArray roles = user.attributes().getJsonArray(ROLES_ATTRIBUTE);
    if (roles == null) {
      JsonObject claims = user.attributes().getJsonObject("accessToken");
      roles = claims == null ? null : claims.getJsonArray("roles");
    }
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
