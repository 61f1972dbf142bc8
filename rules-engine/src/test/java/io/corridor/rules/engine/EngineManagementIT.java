package io.corridor.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.corridor.api.ApiOptions;
import io.corridor.api.Tokens;
import io.corridor.config.Settings;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.platform.NodeContext;
import io.corridor.platform.auth.Role;
import io.corridor.platform.devices.DeviceRegistry;
import io.corridor.rules.RulesOptions;
import io.corridor.rules.engine.site.SitePurpose;
import io.corridor.storage.AuditLog;
import io.corridor.storage.Database;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.StorageOptions;
import io.corridor.testkit.FreePorts;
import io.corridor.testkit.Reads;
import io.corridor.testkit.TestDatabase;
import io.corridor.testkit.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management routes of two nodes sharing one database and one Hazelcast cluster: a change made
 * through one node is in force on the other within seconds; documents are validated, versioned and
 * stored; imports keep plates only as blind index and ciphertext.
 */
class EngineManagementIT {

  static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path rulesDir;
  static List<HazelcastInstance> members;
  static Database database;
  static final List<Vertx> vertxes = new ArrayList<>();
  static final List<StandardViolationEngine> engines = new ArrayList<>();
  static final List<Integer> ports = new ArrayList<>();
  static String operator;
  static String officer;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(rulesDir.resolve("registry.yaml"), """
        id: registry-xk
        version: 1
        type: registry
        countries: [XK]
        checks: [uninsured, registration-expired]
        """);
    Map<String, String> values = new HashMap<>(TestKeys.settings());
    values.put("db.url", TestDatabase.fresh("rules_mgmt"));
    values.put(RulesOptions.DIRECTORY.name(), rulesDir.toString());
    Settings settings = Settings.of(values);
    database = Database.open(new StorageOptions(settings));
    database.migrate(false);
    members = Members.start(2);
    for (HazelcastInstance hz : members) {
      Vertx vertx = Vertx.vertx();
      vertxes.add(vertx);
      Tokens tokens = new Tokens(vertx, new ApiOptions(settings));
      operator = tokens.mint("op-anna", Role.OPERATOR, Duration.ofHours(1));
      officer = tokens.mint("off-ben", Role.OFFICER, Duration.ofHours(1));
      PlateProtector protector = new PlateProtector(Base64.getDecoder().decode(TestKeys.PLATE_HASH_KEY),
          Base64.getDecoder().decode(TestKeys.PLATE_ENCRYPTION_KEY));
      NodeContext node = new NodeContext(settings, vertx, hz, database, protector,
          new AuditLog(database.dataSource(), Clock.systemUTC()), tokens, new DeviceRegistry(), null,
          new SimpleMeterRegistry(), Clock.systemUTC());
      StandardViolationEngine engine = StandardViolationEngine.create(node);
      engines.add(engine);
      Router router = Router.router(vertx);
      engine.mountRoutes(router);
      int port = FreePorts.next();
      HttpServer server = vertx.createHttpServer().requestHandler(router);
      server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      ports.add(port);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    engines.forEach(StandardViolationEngine::close);
    for (Vertx v : vertxes) {
      v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    members.forEach(HazelcastInstance::shutdown);
    database.close();
  }

  static HttpResponse<String> call(int node, String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(node) + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static List<Violation> evaluate(int node, io.corridor.events.PlateRead read) throws Exception {
    return engines.get(node).evaluate(read).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void ruleFromTheDirectoryIsInForceAndStored() throws Exception {
    HttpResponse<String> r = call(1, "GET", "/v1/rules/registry-xk", officer, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getInteger("version")).isEqualTo(1);
    assertThat(call(0, "GET", "/v1/rules/registry-xk?version=1", operator, null).body()).contains("registration-expired");
  }

  @Test
  void ruleChangeOnOneNodeIsInForceOnTheOtherWithinSeconds() throws Exception {
    String rule = """
        id: speed-xk
        type: spot-speed
        tolerances: [{country: XK, bands: [{kmh: 5}]}]
        """;
    HttpResponse<String> put = call(0, "PUT", "/v1/rules/speed-xk", operator, rule);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(new JsonObject(put.body()).getInteger("version")).isEqualTo(1);
    HttpResponse<String> site = call(0, "PUT", "/v1/sites/pr-m9-km3", operator, """
        {"device": "cam-pr-m9", "country": "XK", "timezone": "Europe/Belgrade", "limits": {"car": 80},
         "measurement": "radar", "calibration": {"certificate": "KMA-2026-17", "validUntil": "2027-05-01"},
         "purpose": "enforcement"}""");
    assertThat(site.statusCode()).as(site.body()).isEqualTo(200);

    within5s(() -> engines.get(1).rules().document("speed-xk") != null
        && engines.get(1).site("cam-pr-m9") != null);
    assertThat(engines.get(1).purposeOf("cam-pr-m9")).isEqualTo(SitePurpose.ENFORCEMENT);
    List<Violation> v = evaluate(1, Reads.read("cam-pr-m9", "01234AB", Instant.now()).setSpeedKmh(90f).build());
    assertThat(v).singleElement().satisfies(x -> {
      assertThat(x.getRuleVersion()).isEqualTo(1);
      assertThat(x.getRetained()).isEqualTo(85.0);
      assertThat(x.getCalibrationCertificate()).isEqualTo("KMA-2026-17");
    });

    HttpResponse<String> v2 = call(1, "PUT", "/v1/rules/speed-xk", operator,
        "version: 2\n" + rule.replace("kmh: 5", "kmh: 12"));
    assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
    within5s(() -> engines.get(0).rules().document("speed-xk").version() == 2);
    assertThat(evaluate(0, Reads.read("cam-pr-m9", "01234AB", Instant.now()).setSpeedKmh(90f).build())).isEmpty();

    HttpResponse<String> stale = call(0, "PUT", "/v1/rules/speed-xk", operator, "version: 2\n" + rule);
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(stale.body()).getInteger("current")).isEqualTo(2);
    assertThat(query("SELECT count(*) FROM rule_documents WHERE rule_id = 'speed-xk'")).isEqualTo(2);
    assertThat(query("SELECT count(*) FROM camera_sites WHERE device_id = 'cam-pr-m9' AND purpose = 'enforcement'"))
        .isEqualTo(1);
  }

  @Test
  void invalidDocumentsAreRefusedNamingRuleFieldAndReason() throws Exception {
    HttpResponse<String> r = call(0, "PUT", "/v1/rules/zone-x", operator, """
        type: restricted-zone
        cameras: [c1]
        timezone: Mars/Olympus
        classes: [hgv>3.5t]
        """);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("error")).isEqualTo("invalid_document");
    assertThat(body.getString("field")).isEqualTo("timezone");
    assertThat(body.getJsonArray("errors").getJsonObject(0).getString("rule")).isEqualTo("zone-x");
    assertThat(engines.get(0).rules().document("zone-x")).isNull();

    HttpResponse<String> site = call(0, "PUT", "/v1/sites/s1", operator, "{\"device\": \"c1\", \"purpose\": \"fines\"}");
    assertThat(site.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(site.body()).getJsonArray("errors").encode()).contains("\"field\":\"country\"")
        .contains("unknown purpose 'fines'; one of network, enforcement");
  }

  @Test
  void rolesAreEnforced() throws Exception {
    assertThat(call(0, "PUT", "/v1/rules/x", null, "id: x").statusCode()).isEqualTo(401);
    assertThat(call(0, "PUT", "/v1/rules/x", officer, "id: x").statusCode()).isEqualTo(403);
    assertThat(call(0, "POST", "/v1/registry/import", officer, "plate\n").statusCode()).isEqualTo(403);
    assertThat(call(0, "GET", "/v1/hotlist", officer, null).statusCode()).isEqualTo(200);
  }

  @Test
  void registryImportReachesEveryNodeAndKeepsNoPlateInClear() throws Exception {
    HttpResponse<String> bad = call(0, "POST", "/v1/registry/import", operator,
        "plate,class,euro_class,insured_until,registered_until\n01111AA,car,6,2027-01-01,2027-01-01\n02222BB,tank,6,,\n");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("reason")).startsWith("line 3: unknown vehicle class 'tank'");
    assertThat(query("SELECT count(*) FROM vehicle_registry")).isZero();

    HttpResponse<String> ok = call(0, "POST", "/v1/registry/import", operator, """
        plate,class,euro_class,insured_until,registered_until
        01-111-AA,car,6,2027-01-01,2027-01-01
        02 222 BB,hgv>7.5t,Euro 5,2026-01-01,2027-01-01
        01111AA,car,6,2027-01-01,2027-01-01
        """);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(new JsonObject(ok.body()).getInteger("stored")).isEqualTo(2);
    assertThat(new JsonObject(ok.body()).getInteger("duplicates")).isEqualTo(1);

    within5s(() -> engines.get(1).parts().registry().size() == 2);
    List<Violation> v = evaluate(1, Reads.read("cam-any", "02222BB", Instant.now()).build());
    assertThat(v).extracting(Violation::getKind).containsExactly(ViolationKind.UNINSURED_VEHICLE);
    assertThat(v.getFirst().getDetails()).containsEntry("vehicleClass", "hgv>7.5t");
    assertThat(tableContains("vehicle_registry", "02222BB")).isFalse();
    assertThat(query("SELECT count(*) FROM audit_log WHERE action = 'registry.import' AND actor = 'op-anna'")).isEqualTo(1);
  }

  @Test
  void hotlistAddDeduplicateListExpireAndImport() throws Exception {
    HttpResponse<String> first = call(0, "POST", "/v1/hotlist", operator,
        "{\"plate\": \"OB-1234-S\", \"reason\": \"stolen 2026-11-20\", \"severity\": \"CRITICAL\"}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    String id = new JsonObject(first.body()).getString("id");
    HttpResponse<String> again = call(1, "POST", "/v1/hotlist", operator,
        "{\"plate\": \"OB1234S\", \"reason\": \"stolen, seen armed\", \"expiresAt\": \"2027-01-31\"}");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(again.body()).getString("id")).isEqualTo(id);
    assertThat(call(0, "POST", "/v1/hotlist", operator, "{\"plate\": \"O\", \"reason\": \"x\"}").statusCode()).isEqualTo(400);

    HttpResponse<String> list = call(1, "GET", "/v1/hotlist", officer, null);
    assertThat(list.body()).contains(id).contains("stolen, seen armed").doesNotContain("OB1234S");
    assertThat(tableContains("hotlist", "OB1234S")).isFalse();
    assertThat(query("SELECT count(*) FROM hotlist_variants WHERE entry_id = '" + id + "'")).isEqualTo(8);

    HttpResponse<String> imported = call(0, "POST", "/v1/hotlist/import", operator, """
        plate,reason,severity,expires_at
        KS999AA,"uninsured, fled a stop",WARNING,
        KS-999-AA,duplicate row,WARNING,
        OB1234S,stolen (update),CRITICAL,2027-02-28
        """);
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(new JsonObject(imported.body()).getInteger("stored")).isEqualTo(2);
    assertThat(new JsonObject(imported.body()).getInteger("duplicates")).isEqualTo(1);
    assertThat(query("SELECT count(*) FROM hotlist WHERE active")).isEqualTo(2);

    assertThat(call(0, "POST", "/v1/hotlist/" + id + "/expire", operator, null).statusCode()).isEqualTo(200);
    assertThat(call(0, "POST", "/v1/hotlist/" + id + "/expire", operator, null).statusCode()).isEqualTo(404);
    assertThat(call(0, "GET", "/v1/hotlist", operator, null).body()).doesNotContain(id);
    assertThat(call(0, "GET", "/v1/hotlist?active=false", operator, null).body()).contains(id);
  }

  /** Waits up to five seconds for {@code condition}; fails naming the wait otherwise. */
  static void within5s(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not true within 5 s");
      }
      Thread.sleep(20);
    }
  }

  static long query(String sql) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Whether any column of any row of {@code table} holds {@code text} in clear. */
  static boolean tableContains(String table, String text) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      byte[] needle = text.getBytes(StandardCharsets.UTF_8);
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          byte[] v = rs.getBytes(i);
          if (v != null && indexOf(v, needle) >= 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
