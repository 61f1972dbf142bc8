package io.corridor.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.config.Settings;
import io.corridor.platform.auth.RequireRole;
import io.corridor.platform.auth.Role;
import io.corridor.testkit.TestIssuer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Provider tokens: what is accepted, what is refused, and when the keys are re-read. */
class OidcTokensTest {

  static final String ISSUER = "https://idp.test/realms/corridor";
  static final String AUDIENCE = "corridor-api";
  static final TestIssuer RSA = TestIssuer.rsa(ISSUER, "rsa-1");
  static final TestIssuer EC = TestIssuer.ec(ISSUER, "ec-1");
  static Vertx vertx;

  /** A JWKS source whose document the test changes, counting reads. */
  static final class Source implements JwksSource {
    final AtomicReference<String> document = new AtomicReference<>();
    final AtomicInteger reads = new AtomicInteger();

    Source(String jwks) {
      document.set(jwks);
    }

    @Override
    public Future<JsonObject> fetch() {
      reads.incrementAndGet();
      return Future.succeededFuture(new JsonObject(document.get()));
    }

    @Override
    public String describe() {
      return "test source";
    }
  }

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static IdentityOptions options(String rolesClaim) {
    return new IdentityOptions(Settings.of(Map.of("identity.issuer", ISSUER, "identity.audience", AUDIENCE,
        "identity.jwks-url", "http://127.0.0.1:1/jwks", "identity.roles-claim", rolesClaim,
        "identity.jwks-min-refresh", "10s", "identity.leeway", "0s")));
  }

  static OidcTokens started(Source source, String rolesClaim, AtomicLong clock) throws Exception {
    OidcTokens tokens = new OidcTokens(vertx, options(rolesClaim), source, clock::get);
    await(tokens.start());
    return tokens;
  }

  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  static Map<String, Object> roles(String... roles) {
    return Map.of("roles", List.of(roles));
  }

  @Test
  void rs256AndEs256TokensOfTheProviderAreAcceptedWithTheirRoles() throws Exception {
    OidcTokens tokens = started(new Source(TestIssuer.jwks(RSA, EC)), "roles", new AtomicLong());
    User officer = await(tokens.verify(RSA.token("u-1", AUDIENCE, Duration.ofMinutes(5), roles("officer", "offline_access"))));
    assertThat(officer.subject()).isEqualTo("u-1");
    assertThat(RequireRole.holds(officer, Role.OFFICER)).isTrue();
    assertThat(RequireRole.holds(officer, Role.ANALYST)).isFalse();
    User auditor = await(tokens.verify(EC.token("u-2", AUDIENCE, Duration.ofMinutes(5), roles("auditor"))));
    assertThat(RequireRole.holds(auditor, Role.AUDITOR)).isTrue();
  }

  @Test
  void keycloakRolesAreReadFromTheConfiguredClaimPath() throws Exception {
    OidcTokens tokens = started(new Source(TestIssuer.jwks(RSA)), "realm_access.roles", new AtomicLong());
    User user = await(tokens.verify(RSA.token("u-3", AUDIENCE, Duration.ofMinutes(5),
        Map.of("realm_access", Map.of("roles", List.of("default-roles-corridor", "approver")), "roles", List.of("operator")))));
    assertThat(RequireRole.holds(user, Role.APPROVER)).isTrue();
    assertThat(RequireRole.holds(user, Role.OPERATOR)).as("the top-level claim is not the configured one").isFalse();
  }

  @Test
  void aTokenWithoutAKnownRoleIsAuthenticatedButHoldsNoRole() throws Exception {
    OidcTokens tokens = started(new Source(TestIssuer.jwks(RSA)), "roles", new AtomicLong());
    User user = await(tokens.verify(RSA.token("u-4", AUDIENCE, Duration.ofMinutes(5), roles("uma_authorization"))));
    for (Role role : Role.values()) {
      assertThat(RequireRole.holds(user, role)).isFalse();
    }
  }

  @Test
  void expiredWrongAudienceWrongIssuerAndForgedTokensAreRefused() throws Exception {
    OidcTokens tokens = started(new Source(TestIssuer.jwks(RSA)), "roles", new AtomicLong());
    assertThatThrownBy(() -> await(tokens.verify(RSA.token("u", AUDIENCE, Duration.ofMinutes(-5), roles("officer")))))
        .hasMessageContaining("expired");
    assertThatThrownBy(() -> await(tokens.verify(RSA.token("u", "account", Duration.ofMinutes(5), roles("officer")))))
        .hasMessageContaining("audience");
    TestIssuer elsewhere = TestIssuer.rsa("https://other.test/realms/x", "rsa-1");
    assertThatThrownBy(() -> await(tokens.verify(elsewhere.token("u", AUDIENCE, Duration.ofMinutes(5), roles("officer")))))
        .as("another issuer's key under the same kid: the signature does not verify").isNotNull();
    TestIssuer forger = TestIssuer.rsa(ISSUER, "rsa-1");
    assertThatThrownBy(() -> await(tokens.verify(forger.token("u", AUDIENCE, Duration.ofMinutes(5), roles("officer")))))
        .hasMessageContaining("Signature");
    String good = RSA.token("u", AUDIENCE, Duration.ofMinutes(5), roles("officer"));
    String[] parts = good.split("\\.");
    String raised = b64("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"u\",\"exp\":9999999999,"
        + "\"roles\":[\"analyst\"]}");
    assertThatThrownBy(() -> await(tokens.verify(parts[0] + "." + raised + "." + parts[2])))
        .as("claims changed after signing").hasMessageContaining("Signature");
  }

  @Test
  void unsignedAndSharedSecretTokensAreRefused() throws Exception {
    OidcTokens tokens = started(new Source(TestIssuer.jwks(RSA)), "roles", new AtomicLong());
    String claims = b64("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"u\",\"exp\":9999999999,"
        + "\"roles\":[\"analyst\"]}");
    assertThatThrownBy(() -> await(tokens.verify(b64("{\"alg\":\"none\"}") + "." + claims + ".")))
        .isNotNull();
    // HS256 "signed" with the RSA key's public modulus as secret (algorithm confusion): no HS256 key exists.
    assertThatThrownBy(() -> await(tokens.verify(b64("{\"alg\":\"HS256\",\"kid\":\"rsa-1\"}") + "." + claims + ".c2ln")))
        .isNotNull();
    assertThatThrownBy(() -> await(tokens.verify("not-a-token"))).hasMessageContaining("malformed");
  }

  @Test
  void anUnknownKeyIdMakesTheNodeRereadTheJwksButNotMoreOftenThanAllowed() throws Exception {
    AtomicLong clock = new AtomicLong();
    Source source = new Source(TestIssuer.jwks(RSA));
    OidcTokens tokens = started(source, "roles", clock);
    assertThat(source.reads).hasValue(1);
    TestIssuer rotated = TestIssuer.rsa(ISSUER, "rsa-2");
    source.document.set(TestIssuer.jwks(RSA, rotated));
    clock.addAndGet(Duration.ofSeconds(11).toNanos());
    User user = await(tokens.verify(rotated.token("u", AUDIENCE, Duration.ofMinutes(5), roles("customs"))));
    assertThat(RequireRole.holds(user, Role.CUSTOMS)).isTrue();
    assertThat(source.reads).hasValue(2);
    assertThat(tokens.keyIds()).containsExactlyInAnyOrder("rsa-1", "rsa-2");

    TestIssuer unknown = TestIssuer.rsa(ISSUER, "made-up");
    clock.addAndGet(Duration.ofSeconds(1).toNanos());
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> await(tokens.verify(unknown.token("u", AUDIENCE, Duration.ofMinutes(5), roles("officer")))))
          .isNotNull();
    }
    assertThat(source.reads).as("forged key ids within the minimum interval read nothing").hasValue(2);
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThatThrownBy(() -> await(tokens.verify(unknown.token("u", AUDIENCE, Duration.ofMinutes(5), roles("officer")))))
        .isNotNull();
    assertThat(source.reads).hasValue(3);
  }

  @Test
  void aKeyTheProviderWithdrewStopsVerifyingAtTheNextRead() throws Exception {
    Source source = new Source(TestIssuer.jwks(RSA, EC));
    OidcTokens tokens = started(source, "roles", new AtomicLong());
    String token = EC.token("u", AUDIENCE, Duration.ofMinutes(5), roles("officer"));
    assertThat(RequireRole.holds(await(tokens.verify(token)), Role.OFFICER)).isTrue();
    source.document.set(TestIssuer.jwks(RSA));
    await(tokens.refresh());
    assertThat(tokens.keyIds()).containsExactly("rsa-1");
    assertThatThrownBy(() -> await(tokens.verify(token))).isNotNull();
  }

  @Test
  void aProviderUnreachableAtStartIsReadAgainWhenTheFirstTokenArrives() throws Exception {
    AtomicLong clock = new AtomicLong();
    AtomicInteger reads = new AtomicInteger();
    JwksSource flaky = new JwksSource() {
      @Override
      public Future<JsonObject> fetch() {
        return reads.incrementAndGet() == 1 ? Future.failedFuture("connection refused")
            : Future.succeededFuture(new JsonObject(TestIssuer.jwks(RSA)));
      }

      @Override
      public String describe() {
        return "flaky";
      }
    };
    OidcTokens tokens = new OidcTokens(vertx, options("roles"), flaky, clock::get);
    await(tokens.start());
    assertThat(tokens.keyIds()).isEmpty();
    clock.addAndGet(Duration.ofSeconds(11).toNanos());
    User user = await(tokens.verify(RSA.token("u", AUDIENCE, Duration.ofMinutes(5), roles("operator"))));
    assertThat(RequireRole.holds(user, Role.OPERATOR)).isTrue();
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
