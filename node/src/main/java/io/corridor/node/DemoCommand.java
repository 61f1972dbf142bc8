package io.corridor.node;

import io.corridor.platform.devices.Device;

import io.corridor.platform.auth.Role;
import io.corridor.config.Settings;
import io.corridor.events.Severity;
import io.corridor.platform.devices.DeviceKeys;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.node.DemoFeed.DemoDevice;
import io.corridor.rules.HotlistRepository;
import io.corridor.storage.EmbeddedPostgresServer;
import io.corridor.storage.StorageOptions;
import io.corridor.storage.audit.AnchorOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/corridor demo}: a real PostgreSQL (embedded, or {@code --db-url}), one clustered node,
 * registered demo devices, a hotlist and a feed of simulated cameras. Writes
 * {@code .corridor/demo/credentials.json} so a person can try {@code curl} at once. Ctrl-C stops it.
 */
final class DemoCommand {

  /** Demo configuration (generated keys) kept between runs so stored plates stay readable. */
  static final String CONFIG_FILE = "corridor.properties";

  static final List<String> HOTLISTED = List.of("01123AB", "BG456CD");

  private final CommandLine cli;
  private final Path dir;

  DemoCommand(CommandLine cli, Path dir) {
    this.cli = cli;
    this.dir = dir;
  }

  void run() throws Exception {
    Files.createDirectories(dir);
    Path configFile = dir.resolve(CONFIG_FILE);
    Map<String, String> config = demoConfig(configFile);
    String dbUrl = cli.option("db-url", System.getenv().getOrDefault(StorageOptions.DB_URL.envName(), ""));
    EmbeddedPostgresServer postgres = null;
    if (dbUrl.isBlank()) {
      System.out.println("Starting embedded PostgreSQL in " + dir.resolve("pg") + " ...");
      postgres = EmbeddedPostgresServer.start(dir.resolve("pg").toAbsolutePath(), dir.resolve("pg-bin").toAbsolutePath(), 0,
          false);
      dbUrl = postgres.jdbcUrl();
    }
    Settings settings = cli.settings(null).with(StorageOptions.DB_URL, dbUrl).withBase(config);
    KeycloakServer keycloak = null;
    CorridorNode node;
    try {
      if (cli.has("keycloak")) {
        keycloak = KeycloakDemo.start(cli, dir);
        settings = KeycloakDemo.configure(settings, keycloak);
      }
      node = CorridorNode.start(settings);
    } catch (Exception e) {
      if (keycloak != null) {
        keycloak.close();
      }
      if (postgres != null) {
        postgres.close();
      }
      throw e;
    }
    List<DemoDevice> devices = registerDevices(node);
    HotlistRepository hotlist = new HotlistRepository(node.database().dataSource());
    hotlist.add("demo-stolen-1", HOTLISTED.get(0), "reported stolen (demo)", Severity.CRITICAL, "demo", node.protector());
    hotlist.add("demo-uninsured-1", HOTLISTED.get(1), "no valid insurance (demo)", Severity.WARNING, "demo", node.protector());

    String base = "http://127.0.0.1:" + node.httpPort();
    List<DemoDevice> enforcementDevices = DemoEnforcement.register(new DeviceRepository(node.database().dataSource()));
    node.reloadDevices();
    DemoCargo cargo = new DemoCargo(node, base);
    List<DemoDevice> listed = new java.util.ArrayList<>(devices);
    listed.addAll(enforcementDevices);
    listed.addAll(cargo.devices());
    writeCredentials(base, listed, node, keycloak, dbUrl);
    DemoFeed feed = new DemoFeed(base, devices.stream().filter(d -> d.active()).toList(), HOTLISTED);
    feed.start();
    DemoEnforcement enforcement = DemoEnforcement.create(base,
        node.tokens().mint("demo-operator", Role.OPERATOR, Duration.ofHours(1)), enforcementDevices,
        Duration.ofSeconds(90)).schedule();
    cargo.start();

    EmbeddedPostgresServer pg = postgres;
    KeycloakServer idp = keycloak;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nStopping: demo feed, node (draining writes), database ...");
      feed.close();
      enforcement.close();
      cargo.close();
      node.close();
      if (idp != null) {
        idp.close();
      }
      if (pg != null) {
        pg.close();
      }
      stopped.countDown();
    }, "corridor-demo-shutdown"));
    printWelcome(base, dbUrl);
    if (keycloak != null) {
      System.out.println(KeycloakDemo.welcome(keycloak));
    }
    stopped.await();
  }

  private List<DemoDevice> registerDevices(CorridorNode node) throws Exception {
    DeviceRepository repo = new DeviceRepository(node.database().dataSource());
    List<DemoDevice> devices = List.of(
        new DemoDevice("cam-prishtina-01", "camera", DeviceKeys.generate(), 42.6629, 21.1655, true),
        new DemoDevice("cam-peja-02", "camera", DeviceKeys.generate(), 42.6591, 20.2883, true),
        new DemoDevice("cam-prizren-03", "camera", DeviceKeys.generate(), 42.2139, 20.7397, true),
        new DemoDevice("drone-ferizaj-01", "drone", DeviceKeys.generate(), 42.3702, 21.1553, true),
        new DemoDevice("cam-retired-99", "camera", DeviceKeys.generate(), 42.0, 21.0, false));
    for (DemoDevice d : devices) {
      repo.register(d.id(), d.kind(), d.key(), d.id(), d.lat(), d.lon());
      if (!d.active()) {
        repo.revoke(d.id());
      }
    }
    node.reloadDevices();
    return devices;
  }

  private void writeCredentials(String base, List<DemoDevice> devices, CorridorNode node, KeycloakServer keycloak,
      String dbUrl)
      throws IOException {
    JsonArray deviceList = new JsonArray();
    devices.forEach(d -> deviceList.add(new JsonObject().put("id", d.id()).put("kind", d.kind()).put("key", d.key())
        .put("status", d.active() ? "active" : "revoked")));
    JsonObject tokens = new JsonObject();
    for (Role role : keycloak == null ? Role.values() : new Role[0]) { // with Keycloak, users log in there
      tokens.put(role.claim(), node.tokens().mint("demo-" + role.claim(), role, Duration.ofHours(8)));
    }
    JsonObject credentials = new JsonObject()
        .put("warning", "DEMO ONLY: generated on this machine for trying Corridor; never use in production")
        .put("baseUrl", base)
        .put("database", dbUrl)
        .put("devices", deviceList)
        .put("tokens", tokens)
        .put("hotlistedPlates", new JsonArray(HOTLISTED));
    if (keycloak != null) {
      credentials.put("keycloak", KeycloakDemo.credentials(keycloak));
    }
    Path file = dir.resolve("credentials.json");
    Files.writeString(file, credentials.encodePrettily());
    restrict(file);
  }

  private static Map<String, String> demoConfig(Path file) throws IOException {
    Map<String, String> values = new HashMap<>();
    if (Files.exists(file)) {
      values.putAll(CommandLine.load(file));
    } else {
      SecureRandom random = new SecureRandom();
      values.put("privacy.plate-hash-key", randomKey(random));
      values.put("privacy.plate-encryption-key", randomKey(random));
      values.put("api.jwt-secret", randomKey(random));
      values.put("cluster.name", "corridor-demo");
      Properties properties = new Properties();
      properties.putAll(values);
      try (Writer writer = Files.newBufferedWriter(file)) {
        properties.store(writer, "DEMO ONLY: keys generated by bin/corridor demo on this machine; never use in production");
      }
      restrict(file);
    }
    addAuditAnchorKeys(file, values);
    return values;
  }

  /** Demo directories, new or made before audit anchoring, get an anchor signing key pair. */
  private static void addAuditAnchorKeys(Path file, Map<String, String> values) throws IOException {
    if (values.containsKey(AnchorOptions.PRIVATE_KEY.name())) {
      return;
    }
    String[] pair = AnchorOptions.generateKeyPair();
    Map<String, String> anchor = Map.of(AnchorOptions.PRIVATE_KEY.name(), pair[0], AnchorOptions.PUBLIC_KEY.name(), pair[1],
        AnchorOptions.FILE.name(), file.resolveSibling("audit-anchors.log").toString(), AnchorOptions.INTERVAL.name(), "1m");
    values.putAll(anchor);
    Properties properties = new Properties();
    properties.putAll(values);
    try (Writer writer = Files.newBufferedWriter(file)) {
      properties.store(writer, "DEMO ONLY: keys generated by bin/corridor demo on this machine; never use in production");
    }
    restrict(file);
  }

  private static String randomKey(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system: the file keeps default permissions.
    }
  }

  private void printWelcome(String base, String dbUrl) {
    Path creds = dir.resolve("credentials.json");
    System.out.println("""

        Corridor demo is running (Ctrl-C stops it).
          health     %1$s/health
          readiness  %1$s/ready
          metrics    %1$s/metrics
          alerts     %1$s/v1/alerts   (bearer token with role officer)
          violations %1$s/v1/violations   (officer; a round of offences every 20 s)
          cargo      %1$s/v1/shipments, %1$s/v1/cargo/alerts/stream   (role customs; a tanker and a
                     medical shipment drive Durrës–Prishtina, replayed 30x faster)
          database   %2$s
          credentials, device keys and tokens: %3$s

        Try:
          TOKEN=$(bin/corridor token --role officer)
          curl -s -H "Authorization: Bearer $TOKEN" %1$s/v1/alerts
          curl -s -H "Authorization: Bearer $TOKEN" '%1$s/v1/violations?status=pending&limit=5'
          KEY=$(grep -A2 '"cam-prishtina-01"' %3$s | sed -n 's/.*"key" : "\\(.*\\)".*/\\1/p')
          curl -s -X POST %1$s/v1/reads -H 'Content-Type: application/json' \\
               -H 'X-Device-Id: cam-prishtina-01' -H "X-Device-Key: $KEY" \\
               -d '{"eventId":"'$(cat /proc/sys/kernel/random/uuid)'","deviceId":"cam-prishtina-01",\
        "eventTime":"'$(date -u +%%Y-%%m-%%dT%%H:%%M:%%SZ)'","plate":"01-123-AB","confidence":0.93}'
        """.formatted(base, dbUrl, creds.toAbsolutePath()));
  }
}
