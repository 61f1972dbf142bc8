package io.corridor.api.identity;

import io.corridor.platform.auth.RequireRole;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users of an OpenID Connect provider: bearer tokens are RS256/ES256 JWTs verified against the
 * provider's JWKS, with issuer, audience, expiry and not-before checked, and Corridor's roles read
 * from the configured claim path. A token naming a key id the node does not know makes it re-read
 * the JWKS (the provider rotated its keys), at most once per {@code identity.jwks-min-refresh}.
 * Any failure is 401; a valid token without the route's role is 403 ({@link RequireRole}).
 */
public final class OidcTokens implements UserAuth {

  private static final Logger LOG = LoggerFactory.getLogger(OidcTokens.class);

  /** One loaded JWKS: the verifier and the key ids it holds. */
  private record KeySet(JWTAuth auth, Set<String> kids) {}

  private final Vertx vertx;
  private final IdentityOptions options;
  private final JwksSource source;
  private final RoleClaims roleClaims;
  private final LongSupplier nanoTime;
  private final AtomicReference<KeySet> keys = new AtomicReference<>();
  private final AtomicReference<Future<KeySet>> refreshing = new AtomicReference<>();
  private volatile long lastRefreshNanos;
  private volatile boolean refreshedOnce;

  /** Verifies tokens of the provider {@code options} names, reading keys from {@code source}. */
  public OidcTokens(Vertx vertx, IdentityOptions options, JwksSource source) {
    this(vertx, options, source, System::nanoTime);
  }

  OidcTokens(Vertx vertx, IdentityOptions options, JwksSource source, LongSupplier nanoTime) {
    this.vertx = vertx;
    this.options = options;
    this.source = source;
    this.roleClaims = new RoleClaims(options.rolesClaim());
    this.nanoTime = nanoTime;
  }

  /**
   * Loads the JWKS once and then every {@code identity.jwks-refresh}. A provider that cannot be
   * reached now is not fatal: the node starts, logs it, and tries again when the first token
   * arrives. A failed periodic read keeps the keys already loaded.
   */
  public Future<Void> start() {
    vertx.setPeriodic(options.refresh().toMillis(), id -> refresh()
        .onFailure(e -> LOG.warn("periodic JWKS read from {} failed; keeping the loaded keys: {}", source.describe(),
            e.toString())));
    return refresh().<Void>mapEmpty().recover(e -> {
      LOG.warn("identity provider keys not loaded from {} yet ({}); tokens get 401 until they are",
          source.describe(), e.toString());
      return Future.succeededFuture();
    });
  }

  /** The key ids currently loaded (for tests and logs). */
  public Set<String> keyIds() {
    KeySet current = keys.get();
    return current == null ? Set.of() : current.kids();
  }

  /** Verifies {@code token}: the user with Corridor's roles in its attributes, or a failure. */
  public Future<User> verify(String token) {
    String kid;
    try {
      kid = headerKid(token);
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("malformed token", e));
    }
    KeySet current = keys.get();
    if (current == null || (kid != null && !current.kids().contains(kid))) {
      return refreshIfAllowed(current).compose(latest -> check(latest, token));
    }
    return check(current, token);
  }

  private Future<User> check(KeySet set, String token) {
    if (set == null) {
      return Future.failedFuture(new IllegalStateException("identity provider keys not loaded from " + source.describe()));
    }
    return set.auth().authenticate(new TokenCredentials(token)).map(user -> {
      JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject());
      JsonArray roles = new JsonArray();
      roleClaims.roles(claims).forEach(role -> roles.add(role.claim()));
      user.attributes().put(RequireRole.ROLES_ATTRIBUTE, roles);
      return user;
    });
  }

  private Future<KeySet> refreshIfAllowed(KeySet current) {
    long since = nanoTime.getAsLong() - lastRefreshNanos;
    if (refreshedOnce && since < options.minRefresh().toNanos()) {
      return Future.succeededFuture(current);
    }
    return refresh().recover(e -> {
      LOG.warn("JWKS refresh from {} failed: {}", source.describe(), e.toString());
      return Future.succeededFuture(current);
    });
  }

  /** Re-reads the JWKS now; concurrent callers share one read. */
  Future<KeySet> refresh() {
    Promise<KeySet> promise = Promise.promise();
    Future<KeySet> mine = promise.future();
    Future<KeySet> running = refreshing.compareAndExchange(null, mine);
    if (running != null) {
      return running;
    }
    refreshedOnce = true;
    lastRefreshNanos = nanoTime.getAsLong();
    source.fetch().map(this::load).onComplete(done -> {
      refreshing.set(null);
      if (done.succeeded()) {
        keys.set(done.result());
        LOG.info("identity provider keys loaded from {}: {}", source.describe(), done.result().kids());
      }
      promise.handle(done);
    });
    return mine;
  }

  private KeySet load(JsonObject jwks) {
    List<JsonObject> signing = JwksKeys.signingKeys(jwks);
    if (signing.isEmpty()) {
      throw new IllegalStateException("JWKS " + source.describe() + " holds no RS256/ES256 signing key");
    }
    JWTAuthOptions auth = new JWTAuthOptions().setJWTOptions(new JWTOptions()
        .setIssuer(options.issuer())
        .setAudience(List.of(options.audience()))
        .setLeeway((int) options.leeway().toSeconds()));
    Set<String> kids = new HashSet<>();
    for (JsonObject key : signing) {
      auth.addJwk(key);
      if (key.getString("kid") != null) {
        kids.add(key.getString("kid"));
      }
    }
    return new KeySet(JWTAuth.create(vertx, auth), Set.copyOf(kids));
  }

  /** The {@code kid} of a compact JWS's header, or {@code null}; throws when the header is unreadable. */
  static String headerKid(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("not a compact JWT");
    }
    byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
    return new JsonObject(new String(header, StandardCharsets.UTF_8)).getString("kid");
  }

  @Override
  public Handler<RoutingContext> authenticate() {
    return SimpleAuthenticationHandler.create().authenticate(ctx -> {
      String header = ctx.request().getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
        return Future.failedFuture(new HttpException(401, "no bearer token"));
      }
      return verify(header.substring(7).trim()).recover(e -> {
        LOG.debug("token refused: {}", e.toString());
        return Future.failedFuture(new HttpException(401, e));
      });
    });
  }

  @Override
  public Handler<RoutingContext> require(Role... roles) {
    return RequireRole.of(roles);
  }
}
