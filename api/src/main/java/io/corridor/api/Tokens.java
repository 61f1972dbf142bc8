package io.corridor.api;

import io.corridor.platform.auth.RequireRole;
import io.corridor.platform.auth.UserAuth;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;

import io.corridor.platform.auth.Role;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;

/** Signs and verifies user tokens (HS256) with the configured secret. */
public final class Tokens implements UserAuth {

  /** Issuer claim of Corridor tokens. */
  public static final String ISSUER = "corridor";

  private final JWTAuth auth;

  /** Uses the secret from {@code options}. */
  public Tokens(Vertx vertx, ApiOptions options) {
    this.auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(options.jwtSecret()))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER)));
  }

  /** The provider that verifies tokens. */
  public JWTAuth provider() {
    return auth;
  }

  @Override
  public Handler<RoutingContext> authenticate() {
    return JWTAuthHandler.create(auth);
  }

  @Override
  public Handler<RoutingContext> require(Role... roles) {
    return RequireRole.of(roles);
  }

  /** A token for {@code subject} holding {@code role}, valid for {@code ttl}. */
  public String mint(String subject, Role role, Duration ttl) {
    return auth.generateToken(new JsonObject().put("roles", new JsonArray().add(role.claim())),
        new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setSubject(subject)
            .setExpiresInSeconds((int) ttl.toSeconds()));
  }
}
