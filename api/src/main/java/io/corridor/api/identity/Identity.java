package io.corridor.api.identity;

import io.corridor.api.Tokens;
import io.corridor.platform.auth.UserAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Chooses how a node verifies users: the configured OpenID Connect provider, or the demo's HS256 tokens. */
public final class Identity {

  private Identity() {}

  /**
   * The node's {@link UserAuth}, ready to verify: provider tokens when {@code options} name an
   * issuer (HS256 tokens are then refused), else {@code demoTokens}.
   */
  public static Future<UserAuth> users(Vertx vertx, IdentityOptions options, Tokens demoTokens) {
    if (!options.oidc()) {
      return Future.succeededFuture(demoTokens);
    }
    OidcTokens provider = new OidcTokens(vertx, options, JwksSource.of(vertx, options));
    return provider.start().map(v -> provider);
  }
}
