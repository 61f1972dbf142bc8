package io.corridor.api;

import io.corridor.api.identity.IdentityOptions;
import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** User-facing API settings. */
public final class ApiOptions {

  /** HS256 secret that signs and verifies bearer tokens. */
  public static final ConfigKey JWT_SECRET = new ConfigKey("api.jwt-secret", "",
      "HS256 secret (at least 32 bytes) of the demo's user tokens; required unless identity.issuer names an "
          + "OpenID Connect provider, and then unused (keep in a secret store)");
  /** Lifetime of minted tokens. */
  public static final ConfigKey TOKEN_TTL = new ConfigKey("api.token-ttl", "8h",
      "Lifetime of tokens minted by bin/corridor token");
  /** Most rows one query returns. */
  public static final ConfigKey MAX_PAGE = new ConfigKey("api.max-page", "500",
      "Most records one API query returns");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = Stream.concat(Stream.of(JWT_SECRET, TOKEN_TTL, MAX_PAGE),
      IdentityOptions.KEYS.stream()).toList();

  private final String jwtSecret;
  private final Duration tokenTtl;
  private final int maxPage;

  /** Reads and validates the API keys. */
  public ApiOptions(Settings settings) {
    String secret = settings.get(JWT_SECRET);
    boolean provider = new IdentityOptions(settings).oidc();
    if ((secret == null || secret.isBlank()) && !provider) {
      throw new ConfigException(JWT_SECRET, secret, "is required unless " + IdentityOptions.ISSUER.name()
          + " names an OpenID Connect provider");
    }
    this.jwtSecret = secret == null || secret.isBlank() ? null : secret;
    if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new ConfigException(JWT_SECRET, "<redacted>", "must be at least 32 bytes");
    }
    this.tokenTtl = settings.getDuration(TOKEN_TTL);
    this.maxPage = settings.getPositiveInt(MAX_PAGE);
  }

  /** The HS256 secret, or {@code null} when tokens come only from an identity provider. */
  public String jwtSecret() { return jwtSecret; }

  public Duration tokenTtl() { return tokenTtl; }

  public int maxPage() { return maxPage; }
}
