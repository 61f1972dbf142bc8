package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.corridor.testkit.FreePorts;
import io.corridor.testkit.TestDatabase;
import io.corridor.testkit.TestIssuer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Keycloak on loopback with Corridor's realm issues tokens by the password grant; the node,
 * configured with the realm's issuer and JWKS URL, serves the tokens' users by their realm roles
 * and refuses forged, foreign-audience, role-less and shared-secret tokens.
 */
class KeycloakIT {

  static KeycloakServer keycloak;
  static CorridorNode node;

  @BeforeAll
  static void start() throws Exception {
    Path dist = Path.of(System.getProperty("keycloak.dist", "target/keycloak-dist/keycloak-quarkus-dist-26.5.6.zip"));
    keycloak = KeycloakServer.start(dist, Path.of("target", "keycloak-it").toAbsolutePath(), FreePorts.next(),
        UUID.randomUUID().toString());
    Map<String, String> settings = new HashMap<>(keycloak.nodeSettings());
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("keycloak"), NodeFixture.uniqueCluster(), settings));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (keycloak != null) {
      keycloak.close();
    }
  }

  @Test
  void anOfficerLoggedInAtKeycloakReadsAlertsAndIsAuditedUnderTheTokensSubject() throws Exception {
    String token = keycloak.token("officer1");
    JsonObject claims = claims(token);
    assertThat(claims.getString("iss")).isEqualTo(keycloak.issuer());
    assertThat(claims.getValue("aud").toString()).contains(KeycloakServer.AUDIENCE);
    HttpResponse<String> response = NodeFixture.get(node, "/v1/alerts?since=2000-01-01T00:00:00Z", token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM audit_log WHERE action = 'alerts.list' AND role = 'officer' "
        + "AND actor = '" + claims.getString("sub") + "'")).isEqualTo(1);
  }

  @Test
  void realmRolesDecideWhoMayReadAlerts() throws Exception {
    for (String user : List.of("analyst1", "customs1", "auditor1", "operator1", "approver1")) {
      assertThat(NodeFixture.get(node, "/v1/alerts", keycloak.token(user)).statusCode()).as(user).isEqualTo(403);
    }
    assertThat(NodeFixture.get(node, "/v1/alerts", keycloak.token("visitor1")).statusCode())
        .as("a valid token without any Corridor role").isEqualTo(403);
  }

  @Test
  void aTokenForAnotherClientsAudienceIsRefused() throws Exception {
    String other = keycloak.token(KeycloakServer.OTHER_CLIENT, "officer1", "officer1-demo-password");
    assertThat(claims(other).getValue("aud")).isNotEqualTo(KeycloakServer.AUDIENCE);
    assertThat(NodeFixture.get(node, "/v1/alerts", other).statusCode()).isEqualTo(401);
  }

  @Test
  void forgedTokensAreRefused() throws Exception {
    String real = keycloak.token("analyst1");
    JsonObject claims = claims(real);
    String kid = new JsonObject(new String(Base64.getUrlDecoder().decode(real.split("\\.")[0]), StandardCharsets.UTF_8))
        .getString("kid");
    // The same claims, promoted to officer and signed with a key of the forger's own under the realm's key id.
    Map<String, Object> forgedClaims = new HashMap<>(claims.getMap());
    forgedClaims.put("realm_access", Map.of("roles", List.of("officer")));
    String forged = TestIssuer.rsa(keycloak.issuer(), kid).sign(forgedClaims);
    assertThat(NodeFixture.get(node, "/v1/alerts", forged).statusCode()).isEqualTo(401);
    // The real signature over claims edited after signing.
    String[] parts = real.split("\\.");
    String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new JsonObject(forgedClaims).encode().getBytes(StandardCharsets.UTF_8));
    assertThat(NodeFixture.get(node, "/v1/alerts", parts[0] + "." + edited + "." + parts[2]).statusCode()).isEqualTo(401);
    // A demo HS256 token is worthless once the node trusts a provider.
    String demo = node.tokens().mint("officer-demo", Role.OFFICER, Duration.ofMinutes(5));
    assertThat(NodeFixture.get(node, "/v1/alerts", demo).statusCode()).isEqualTo(401);
  }

  @Test
  void anOperatorLoggedInAtKeycloakRegistersADeviceThatCanThenSendReads() throws Exception {
    String operator = keycloak.token("operator1");
    HttpResponse<String> created = DevicesIT.post(node, "/v1/devices", operator,
        "{\"id\":\"cam-kc-01\",\"kind\":\"camera\",\"name\":\"registered by a Keycloak user\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String key = new JsonObject(created.body()).getString("key");
    assertThat(DevicesIT.read(node, "cam-kc-01", key)).isEqualTo(200);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM audit_log WHERE action = 'devices.create' AND role = 'operator' "
        + "AND actor = '" + claims(operator).getString("sub") + "'")).isEqualTo(1);
    assertThat(DevicesIT.post(node, "/v1/devices", keycloak.token("officer1"),
        "{\"id\":\"cam-kc-02\",\"kind\":\"camera\",\"name\":\"x\"}").statusCode()).isEqualTo(403);
  }

  static JsonObject claims(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }
}
