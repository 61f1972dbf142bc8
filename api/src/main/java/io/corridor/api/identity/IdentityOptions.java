package io.corridor.api.identity;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where user tokens come from. With {@code identity.issuer} set, tokens are RS256/ES256 JWTs of
 * that OpenID Connect provider, verified against its JWKS (a URL or a file); without it the node
 * accepts only the demo's HS256 tokens signed with {@code api.jwt-secret}.
 */
public final class IdentityOptions {

  /** The provider's issuer ({@code iss}); empty selects the demo's HS256 tokens. */
  public static final ConfigKey ISSUER = new ConfigKey("identity.issuer", "",
      "OpenID Connect issuer whose RS256/ES256 tokens are accepted, e.g. https://idp.example/realms/corridor "
          + "(empty: only HS256 demo tokens signed with api.jwt-secret)");
  /** The audience every token must name. */
  public static final ConfigKey AUDIENCE = new ConfigKey("identity.audience", "corridor-api",
      "Audience (aud) a provider token must name; tokens for other clients get 401");
  /** JWKS URL of the provider. */
  public static final ConfigKey JWKS_URL = new ConfigKey("identity.jwks-url", "",
      "URL of the provider's JWKS, fetched at start and again when a token names an unknown key id");
  /** JWKS file, for deployments that distribute keys themselves. */
  public static final ConfigKey JWKS_FILE = new ConfigKey("identity.jwks-file", "",
      "Path of a JWKS file used instead of identity.jwks-url (re-read when a token names an unknown key id)");
  /** Where the roles are in the token. */
  public static final ConfigKey ROLES_CLAIM = new ConfigKey("identity.roles-claim", "roles",
      "Dotted path of the token claim holding the user's roles: roles, or realm_access.roles for Keycloak");
  /** Least time between two JWKS refreshes, so forged key ids cannot hammer the provider. */
  public static final ConfigKey JWKS_MIN_REFRESH = new ConfigKey("identity.jwks-min-refresh", "10s",
      "Least time between two JWKS refreshes triggered by unknown key ids");
  /** How often the JWKS is re-read anyway, so a key the provider withdrew stops being trusted. */
  public static final ConfigKey JWKS_REFRESH = new ConfigKey("identity.jwks-refresh", "15m",
      "How often the JWKS is re-read even without an unknown key id, so a key the provider withdrew stops verifying tokens");
  /** Clock skew tolerated on exp/nbf/iat. */
  public static final ConfigKey LEEWAY = new ConfigKey("identity.leeway", "30s",
      "Clock difference tolerated between the provider and the node when checking exp and nbf");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(ISSUER, AUDIENCE, JWKS_URL, JWKS_FILE, ROLES_CLAIM,
      JWKS_MIN_REFRESH, JWKS_REFRESH, LEEWAY);

  private final String issuer;
  private final String audience;
  private final URI jwksUrl;
  private final Path jwksFile;
  private final String rolesClaim;
  private final Duration minRefresh;
  private final Duration refresh;
  private final Duration leeway;

  /** Reads and validates the identity keys. */
  public IdentityOptions(Settings settings) {
    this.issuer = settings.get(ISSUER);
    this.audience = settings.get(AUDIENCE);
    this.rolesClaim = settings.require(ROLES_CLAIM);
    this.minRefresh = settings.getDuration(JWKS_MIN_REFRESH);
    this.refresh = settings.getDuration(JWKS_REFRESH);
    if (refresh.toSeconds() < 1) {
      throw new ConfigException(JWKS_REFRESH, refresh.toString(), "must be at least 1s");
    }
    this.leeway = settings.getDuration(LEEWAY);
    String url = settings.get(JWKS_URL);
    String file = settings.get(JWKS_FILE);
    this.jwksUrl = url == null || url.isBlank() ? null : parseUrl(url);
    this.jwksFile = file == null || file.isBlank() ? null : Path.of(file);
    if (oidc()) {
      if (audience == null || audience.isBlank()) {
        throw new ConfigException(AUDIENCE, audience, "is required when " + ISSUER.name() + " is set");
      }
      if ((jwksUrl == null) == (jwksFile == null)) {
        throw new ConfigException(JWKS_URL, url, "exactly one of " + JWKS_URL.name() + " and " + JWKS_FILE.name()
            + " must be set when " + ISSUER.name() + " is set");
      }
      if (jwksFile != null && !Files.isReadable(jwksFile)) {
        throw new ConfigException(JWKS_FILE, file, "is not a readable file");
      }
    }
    if (!rolesClaim.matches("[A-Za-z0-9_:-]+(\\.[A-Za-z0-9_:-]+)*")) {
      throw new ConfigException(ROLES_CLAIM, rolesClaim, "must be a dotted claim path such as realm_access.roles");
    }
  }

  private static URI parseUrl(String url) {
    try {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("not http(s)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(JWKS_URL, url, "must be an http or https URL");
    }
  }

  /** Whether tokens come from an OpenID Connect provider (else: HS256 demo tokens). */
  public boolean oidc() { return issuer != null && !issuer.isBlank(); }

  public String issuer() { return issuer; }

  public String audience() { return audience; }

  /** The JWKS URL, or {@code null} when a file is used. */
  public URI jwksUrl() { return jwksUrl; }

  /** The JWKS file, or {@code null} when a URL is used. */
  public Path jwksFile() { return jwksFile; }

  public String rolesClaim() { return rolesClaim; }

  public Duration minRefresh() { return minRefresh; }

  public Duration refresh() { return refresh; }

  public Duration leeway() { return leeway; }
}
