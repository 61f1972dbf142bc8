package io.corridor.node;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} zip from Maven Central) on loopback with
 * Corridor's realm: roles, one user per role, the {@code corridor-cli} client whose tokens name the
 * {@code corridor-api} audience. For {@code bin/corridor demo --keycloak} and the integration
 * tests; never for production (development mode, generated admin password, demo passwords).
 */
public final class KeycloakServer implements AutoCloseable {

  /** The realm imported from {@link #REALM_RESOURCE}. */
  public static final String REALM = "corridor";
  /** The client users log in with (password grant allowed). */
  public static final String CLIENT = "corridor-cli";
  /** A client of the same realm whose tokens do not name Corridor's audience. */
  public static final String OTHER_CLIENT = "other-app";
  /** The audience Corridor's tokens carry. */
  public static final String AUDIENCE = "corridor-api";
  /** Classpath resource of the realm. */
  static final String REALM_RESOURCE = "/io/corridor/node/keycloak/corridor-realm.json";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final String base;
  private final Path log;

  private KeycloakServer(Process process, String base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * Unpacks {@code distZip} into {@code workDir} (once), wipes any earlier realm data so the realm
   * is imported fresh, and starts Keycloak on {@code 127.0.0.1:port}; blocks until the realm answers.
   */
  public static KeycloakServer start(Path distZip, Path workDir, int port, String adminPassword) throws IOException {
    Path home = unpack(distZip, workDir);
    deleteTree(home.resolve("data"));
    Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
    try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
      Files.copy(realm, imports.resolve("corridor-realm.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    Path log = workDir.resolve("keycloak.log");
    ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
        "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm", "--hostname=http://127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    // Quarkus' thread-local reset needs this on JDK 24+; without it Keycloak logs an error when it stops.
    env.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
    KeycloakServer server = new KeycloakServer(builder.start(), "http://127.0.0.1:" + port, log);
    try {
      server.awaitReady();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The realm's issuer ({@code iss} of its tokens). */
  public String issuer() {
    return base + "/realms/" + REALM;
  }

  /** The realm's JWKS URL. */
  public String jwksUrl() {
    return issuer() + "/protocol/openid-connect/certs";
  }

  /** The node settings that make it accept this realm's tokens. */
  public Map<String, String> nodeSettings() {
    return Map.of("identity.issuer", issuer(), "identity.jwks-url", jwksUrl(), "identity.audience", AUDIENCE,
        "identity.roles-claim", "realm_access.roles");
  }

  /** An access token for {@code user} by the password grant of {@code client}. */
  public String token(String client, String user, String password) throws IOException {
    String form = "grant_type=password&client_id=" + enc(client) + "&username=" + enc(user) + "&password=" + enc(password)
        + "&scope=openid";
    HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() != 200) {
      throw new IOException("Keycloak refused a token for " + user + ": " + response.statusCode() + " " + response.body());
    }
    return new JsonObject(response.body()).getString("access_token");
  }

  /** A token of {@code user} of the demo realm through {@link #CLIENT} (password {@code <user>-demo-password}). */
  public String token(String user) throws IOException {
    return token(CLIENT, user, user + "-demo-password");
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    URI ready = URI.create(issuer() + "/.well-known/openid-configuration");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Keycloak exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(500);
    }
    throw new IOException("Keycloak not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Stops Keycloak through its launcher's PID (SIGTERM, then a kill after 20 s). */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The unpacked distribution under {@code workDir} (unpacked on first use). */
  static Path unpack(Path distZip, Path workDir) throws IOException {
    Path marker = workDir.resolve(".unpacked-" + distZip.getFileName());
    Files.createDirectories(workDir);
    if (!Files.exists(marker)) {
      try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(distZip))) {
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
          Path target = workDir.resolve(entry.getName()).normalize();
          if (!target.startsWith(workDir)) {
            throw new IOException("zip entry outside the target: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      Files.writeString(marker, distZip.toString());
    }
    try (Stream<Path> entries = Files.list(workDir)) {
      return entries.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("keycloak-"))
          .findFirst().orElseThrow(() -> new IOException("no keycloak-* directory in " + distZip));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Keycloak", e);
    }
  }
}
