package io.corridor.api.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The signing keys of a JWKS document that Corridor accepts: RSA keys for RS256 and P-256 EC keys
 * for ES256, {@code use} absent or {@code sig}. Encryption keys (Keycloak lists an
 * {@code RSA-OAEP} key with {@code use=enc}), symmetric keys and other algorithms are left out, so
 * a token can never be verified with a key that was not meant for signatures.
 */
public final class JwksKeys {

  /** The algorithms provider tokens may use. */
  public static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");

  private JwksKeys() {}

  /** The usable signing keys of {@code jwks} ({@code {"keys": [...]}}), each with its {@code alg} set. */
  public static List<JsonObject> signingKeys(JsonObject jwks) {
    JsonArray keys = jwks.getJsonArray("keys");
    if (keys == null) {
      throw new IllegalArgumentException("not a JWKS document: no \"keys\" array");
    }
    List<JsonObject> usable = new ArrayList<>();
    for (Object entry : keys) {
      if (!(entry instanceof JsonObject key)) {
        continue;
      }
      String use = key.getString("use");
      if (use != null && !use.equals("sig")) {
        continue;
      }
      String alg = algorithm(key);
      if (alg != null) {
        usable.add(key.copy().put("alg", alg));
      }
    }
    return usable;
  }

  private static String algorithm(JsonObject key) {
    String kty = key.getString("kty", "");
    String alg = key.getString("alg");
    return switch (kty) {
      case "RSA" -> alg == null || alg.equals("RS256") ? "RS256" : null;
      case "EC" -> "P-256".equals(key.getString("crv")) && (alg == null || alg.equals("ES256")) ? "ES256" : null;
      default -> null;
    };
  }
}
