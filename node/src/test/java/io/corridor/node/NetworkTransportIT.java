package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.corridor.testkit.FreePorts;
import io.corridor.testkit.TestDatabase;
import io.corridor.testkit.TestKeys;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A node starts and serves on Netty's native epoll transport when asked to, on NIO by default, and
 * on NIO, saying why, when asked for epoll in a JVM where the native library cannot load.
 */
class NetworkTransportIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void epollWhenAskedForOnLinuxX86() throws Exception {
    assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
    assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
    int osmandPort = FreePorts.next();
    try (CorridorNode node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("transport_epoll"),
        NodeFixture.uniqueCluster(), Map.of("vertx.native-transport", "true",
            "tracking.osmand.port", String.valueOf(osmandPort))))) {
      assertThat(node.vertx().isNativeTransportEnabled()).as("%s", node.vertx().unavailableNativeTransportCause())
          .isTrue();
      assertTrackerFixStored(node, osmandPort);
    }
  }

  @Test
  void nioByDefault() throws Exception {
    int osmandPort = FreePorts.next();
    try (CorridorNode node = CorridorNode.start(NodeFixture.settings(TestDatabase.fresh("transport_nio"),
        NodeFixture.uniqueCluster(), Map.of("tracking.osmand.port", String.valueOf(osmandPort))))) {
      assertThat(node.vertx().isNativeTransportEnabled()).isFalse();
      assertTrackerFixStored(node, osmandPort);
    }
  }

  /**
   * {@code bin/corridor run --vertx.native-transport=true} in a JVM whose class path lacks the JNI
   * library's jar, as on another CPU architecture: the classes are there, the library is not, and
   * the node says so and serves.
   */
  @Test
  void nioWhereTheNativeLibraryCannotLoad() throws Exception {
    String classPath = Arrays.stream(System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")).split(File.pathSeparator))
        .filter(entry -> !entry.matches(".*netty-transport-native-epoll-[^/]*-linux-[^/]*\\.jar"))
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(classPath).contains("netty-transport-classes-epoll");
    int httpPort = FreePorts.next();
    List<String> command = new ArrayList<>(List.of(
        new File(System.getProperty("java.home"), "bin/java").getPath(),
        "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4", "-Djava.net.preferIPv4Stack=true",
        "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=slf4j",
        "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.corridor.events",
        "-cp", classPath, "io.corridor.node.Main", "run",
        "--db.url=" + TestDatabase.fresh("transport_fallback"), "--cluster.name=" + NodeFixture.uniqueCluster(),
        "--http.port=" + httpPort, "--http.instances=1", "--tracking.osmand.port=0", "--mqtt.port=0",
        "--anpr.engine=none", "--vertx.native-transport=true"));
    TestKeys.settings().forEach((key, value) -> command.add("--" + key + "=" + value));
    Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> log = new CopyOnWriteArrayList<>();
    CompletableFuture<String> up = new CompletableFuture<>();
    Thread reader = Thread.ofVirtual().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          log.add(line);
          if (line.contains("Corridor node up")) {
            up.complete(line);
          }
        }
        up.completeExceptionally(new IllegalStateException("the node exited: " + String.join("\n", log)));
      } catch (Exception e) {
        up.completeExceptionally(e);
      }
    });
    try {
      up.get(120, TimeUnit.SECONDS);
      String said = log.stream().filter(line -> line.contains("network transport: ")).findFirst().orElse("");
      assertThat(said).as(String.join("\n", log))
          .contains("network transport: nio (vertx.native-transport=true, but epoll cannot load on ");
      System.out.println("the node without the library said: " + said);
      HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
          + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    } finally {
      node.destroy();
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly().waitFor();
      }
      reader.join(5_000);
    }
  }

  /** A tracker's OsmAnd fix is answered 200 after its commit, and the row is there. */
  private static void assertTrackerFixStored(CorridorNode node, int osmandPort) throws Exception {
    NodeFixture.registerDevices(node);
    HttpResponse<String> fix = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + osmandPort
        + "/?id=" + NodeFixture.TRACKER + "&key=" + NodeFixture.TRACKER_KEY + "&lat=41.34&lon=19.46&timestamp="
        + Instant.now().minusSeconds(20).getEpochSecond() + "&speed=30")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(fix.statusCode()).as(fix.body()).isEqualTo(200);
    assertThat(NodeFixture.count(node, "SELECT count(*) FROM positions WHERE device_id = '" + NodeFixture.TRACKER + "'"))
        .isEqualTo(1);
  }
}
