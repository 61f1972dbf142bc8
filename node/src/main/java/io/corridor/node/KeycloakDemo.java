package io.corridor.node;

import io.corridor.api.identity.IdentityOptions;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import io.corridor.platform.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * {@code bin/corridor demo --keycloak}: the demo's users log in at a real Keycloak on loopback
 * (Corridor's realm, one user per role) instead of using the HS256 tokens of credentials.json.
 */
final class KeycloakDemo {

  /** Where {@code bin/corridor} copies the Keycloak distribution from Maven. */
  static final Path DEFAULT_DIST = Path.of("node", "target", "keycloak-dist", "keycloak-quarkus-dist-26.5.6.zip");

  private KeycloakDemo() {}

  /** Starts Keycloak ({@code --keycloak-dist ZIP}, {@code --keycloak-port P}, default 8180) under {@code dir}. */
  static KeycloakServer start(CommandLine cli, Path dir) throws IOException {
    Path dist = Path.of(cli.option("keycloak-dist", DEFAULT_DIST.toString()));
    if (!Files.exists(dist)) {
      throw new IllegalArgumentException("no Keycloak distribution at " + dist + "; bin/corridor demo --keycloak fetches it "
          + "(mvn -pl node dependency:copy@keycloak), or pass --keycloak-dist ZIP");
    }
    int port = Integer.parseInt(cli.option("keycloak-port", "8180"));
    System.out.println("Starting Keycloak on http://127.0.0.1:" + port + " (20 s, minutes on a busy machine) ...");
    return KeycloakServer.start(dist, dir.resolve("keycloak").toAbsolutePath(), port, UUID.randomUUID().toString());
  }

  /** {@code settings} with the identity keys that make the node trust {@code keycloak}'s realm. */
  static Settings configure(Settings settings, KeycloakServer keycloak) {
    Settings configured = settings;
    Map<String, String> values = keycloak.nodeSettings();
    for (ConfigKey key : IdentityOptions.KEYS) {
      if (values.containsKey(key.name())) {
        configured = configured.with(key, values.get(key.name()));
      }
    }
    return configured;
  }

  /** The login details written into credentials.json. */
  static JsonObject credentials(KeycloakServer keycloak) {
    JsonArray users = new JsonArray();
    for (Role role : Role.values()) {
      String user = role.claim() + "1";
      users.add(new JsonObject().put("username", user).put("password", user + "-demo-password").put("role", role.claim()));
    }
    return new JsonObject().put("issuer", keycloak.issuer())
        .put("tokenUrl", keycloak.issuer() + "/protocol/openid-connect/token")
        .put("clientId", KeycloakServer.CLIENT).put("users", users);
  }

  /** What to try, printed after the start. */
  static String welcome(KeycloakServer keycloak) {
    return """
        Users log in at Keycloak (%1$s): instead of bin/corridor token (its HS256 tokens are
        refused now), take a token from Keycloak (users and passwords in credentials.json):
          TOKEN=$(curl -s -d grant_type=password -d client_id=%2$s -d username=officer1 \\
                  -d password=officer1-demo-password %1$s/protocol/openid-connect/token \\
                  | sed -n 's/.*"access_token":"\\([^"]*\\)".*/\\1/p')
        """.formatted(keycloak.issuer(), KeycloakServer.CLIENT);
  }
}
