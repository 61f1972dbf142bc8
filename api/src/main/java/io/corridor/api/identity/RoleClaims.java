package io.corridor.api.identity;

import io.corridor.platform.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Corridor's roles from a verified token's claims at a dotted path ({@code roles},
 * {@code realm_access.roles}). Values that are not Corridor roles (Keycloak's
 * {@code offline_access}, {@code default-roles-*}) are ignored; a token without any known role
 * is still authenticated, and then refused with 403 by every route.
 */
public final class RoleClaims {

  private final String[] path;

  /** Reads roles at {@code dottedPath}. */
  public RoleClaims(String dottedPath) {
    this.path = dottedPath.split("\\.");
  }

  /** The known roles in {@code claims}; empty when the claim is missing or of another type. */
  public Set<Role> roles(JsonObject claims) {
    Object node = claims;
    for (String part : path) {
      if (!(node instanceof JsonObject object)) {
        return Set.of();
      }
      node = object.getValue(part);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (node instanceof JsonArray values) {
      for (Object value : values) {
        if (value instanceof String name) {
          known(name, roles);
        }
      }
    } else if (node instanceof String single) {
      for (String name : single.split("[ ,]+")) {
        known(name, roles);
      }
    }
    return roles;
  }

  private static void known(String name, Set<Role> into) {
    for (Role role : Role.values()) {
      if (role.claim().equals(name.toLowerCase(Locale.ROOT))) {
        into.add(role);
      }
    }
  }
}
