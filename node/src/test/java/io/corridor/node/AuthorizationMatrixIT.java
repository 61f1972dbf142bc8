package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.api.openapi.ApiContract;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.testkit.TestDatabase;
import io.corridor.testkit.TestIssuer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the public API × every role, plus no token, an expired token, a token for
 * another audience, a forged signature and a demo HS256 token, against a node that trusts an
 * OpenID Connect provider (a JWKS file): the answer is the expected status. The table below is
 * THE list of endpoints: a route the node serves, or an operation in {@code openapi.yaml}, that is
 * missing from it fails the test, so each new endpoint is added here (and to the contract) with
 * the roles that may call it.
 */
class AuthorizationMatrixIT {

  static final String ISSUER = "https://idp.test/realms/corridor";
  static final String AUDIENCE = "corridor-api";
  static final TestIssuer IDP = TestIssuer.rsa(ISSUER, "matrix-key");
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final AtomicInteger SEQ = new AtomicInteger();
  static final String PUBLIC = "public";
  static final String DEVICE = "device";

  /**
   * One endpoint: its contract operation, method, path (a supplier, for paths naming something
   * created per call), body, who may call it and the status an allowed caller gets.
   */
  record Endpoint(String operationId, String method, Supplier<String> path, Supplier<String> body, Set<String> allowed,
      int ok) {}

  static CorridorNode node;
  static Map<String, String> credentials;

  static List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("health", "GET", () -> "/health", null, Set.of(PUBLIC), 200),
        new Endpoint("ready", "GET", () -> "/ready", null, Set.of(PUBLIC), 200),
        new Endpoint("metrics", "GET", () -> "/metrics", null, Set.of(PUBLIC), 200),
        new Endpoint("openapi", "GET", () -> "/openapi.yaml", null, Set.of(PUBLIC), 200),
        new Endpoint("postReads", "POST", () -> "/v1/reads", () -> "{}", Set.of(DEVICE), 200),
        new Endpoint("postFrame", "POST", () -> "/v1/frames", () -> "", Set.of(DEVICE), 200),
        new Endpoint("listAlerts", "GET", () -> "/v1/alerts", null, Set.of("officer"), 200),
        new Endpoint("listDevices", "GET", () -> "/v1/devices", null, Set.of("operator"), 200),
        new Endpoint("createDevice", "POST", () -> "/v1/devices",
            () -> "{\"id\":\"cam-m-" + SEQ.incrementAndGet() + "\",\"kind\":\"camera\",\"name\":\"matrix\"}",
            Set.of("operator"), 201),
        new Endpoint("rotateDeviceKey", "POST", () -> "/v1/devices/cam-matrix/rotate", null, Set.of("operator"), 200),
        new Endpoint("revokeDevice", "POST", () -> "/v1/devices/" + freshDevice() + "/revoke", null, Set.of("operator"),
            200));
  }

  @BeforeAll
  static void start() throws Exception {
    Path jwks = Files.createTempFile("matrix-jwks", ".json");
    Files.writeString(jwks, TestIssuer.jwks(IDP));
    node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("matrix"), NodeFixture.uniqueCluster(), Map.of(
        "identity.issuer", ISSUER, "identity.audience", AUDIENCE, "identity.jwks-file", jwks.toString())));
    new DeviceRepository(node.database().dataSource()).register("cam-matrix", "camera", "matrix-key-1", "m", null, null);
    node.reloadDevices();
    credentials = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      credentials.put(role.claim(), IDP.token(role.claim() + "-1", AUDIENCE, Duration.ofMinutes(10),
          Map.of("roles", List.of(role.claim()))));
    }
    credentials.put("no role", IDP.token("nobody", AUDIENCE, Duration.ofMinutes(10), Map.of("roles", List.of("staff"))));
    credentials.put("no token", null);
    credentials.put("expired", IDP.token("officer-1", AUDIENCE, Duration.ofMinutes(-10),
        Map.of("roles", List.of(Role.values()).stream().map(Role::claim).toList())));
    credentials.put("other audience", IDP.token("officer-1", "another-api", Duration.ofMinutes(10),
        Map.of("roles", List.of(Role.values()).stream().map(Role::claim).toList())));
    credentials.put("wrong signature", TestIssuer.rsa(ISSUER, IDP.kid()).token("officer-1", AUDIENCE,
        Duration.ofMinutes(10), Map.of("roles", List.of(Role.values()).stream().map(Role::claim).toList())));
    credentials.put("demo HS256", node.tokens().mint("officer-1", Role.OPERATOR, Duration.ofMinutes(10)));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static String freshDevice() {
    String id = "cam-r-" + SEQ.incrementAndGet();
    try {
      new DeviceRepository(node.database().dataSource()).register(id, "camera", "key-" + id, id, null, null);
      node.reloadDevices();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return id;
  }

  static int expected(Endpoint endpoint, String credential) {
    if (endpoint.allowed().contains(PUBLIC)) {
      return endpoint.ok();
    }
    if (endpoint.allowed().contains(DEVICE)) {
      return 401; // a user's token is no device credential
    }
    if (Set.of("no token", "expired", "other audience", "wrong signature", "demo HS256").contains(credential)) {
      return 401;
    }
    return endpoint.allowed().contains(credential) ? endpoint.ok() : 403;
  }

  static HttpResponse<String> call(Endpoint endpoint, String bearer) throws Exception {
    String body = endpoint.body() == null ? null : endpoint.body().get();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort()
            + endpoint.path().get())).timeout(Duration.ofSeconds(30))
        .method(endpoint.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyEndpointAnswersEveryCredentialAsTheTableSays() throws Exception {
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (Endpoint endpoint : endpoints()) {
      for (Map.Entry<String, String> credential : credentials.entrySet()) {
        int want = expected(endpoint, credential.getKey());
        HttpResponse<String> got = call(endpoint, credential.getValue());
        cells++;
        if (got.statusCode() != want) {
          wrong.add(endpoint.method() + " " + endpoint.path().get() + " as " + credential.getKey() + ": expected " + want
              + ", got " + got.statusCode() + " " + got.body());
        } else if (want == 401 || want == 403) {
          assertThat(new JsonObject(got.body()).getString("error")).as("Corridor's error shape").isNotBlank();
        }
      }
    }
    assertThat(wrong).as("cells that differ from the table").isEmpty();
    assertThat(cells).isEqualTo(endpoints().size() * credentials.size());
  }

  @Test
  void theTableTheContractAndTheNodesRoutesListTheSameEndpoints() {
    JsonObject paths = ApiContract.parse(ApiContract.text()).getJsonObject("paths");
    Map<String, Set<String>> contract = new LinkedHashMap<>();
    Set<String> contractRoutes = new TreeSet<>();
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
        contract.put(operation.getString("operationId"), new HashSet<>(operation.getJsonArray("x-corridor-roles").getList()
            .stream().map(String::valueOf).toList()));
        contractRoutes.add(method.toUpperCase() + " " + path);
      }
    }
    Map<String, Set<String>> table = new LinkedHashMap<>();
    endpoints().forEach(e -> table.put(e.operationId(), e.allowed()));
    assertThat(table).as("the matrix table and openapi.yaml (operation ids and x-corridor-roles)").isEqualTo(contract);

    Set<String> served = new TreeSet<>();
    for (String route : node.routes()) {
      served.add(route.replaceAll(":([A-Za-z0-9_]+)", "{$1}"));
    }
    assertThat(served).as("routes the node serves that openapi.yaml does not describe").isSubsetOf(contractRoutes);
    assertThat(contractRoutes).as("operations in openapi.yaml the node does not serve").isSubsetOf(served);
  }
}
