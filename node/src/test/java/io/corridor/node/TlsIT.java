package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.testkit.FreePorts;
import io.corridor.testkit.TestCertificates;
import io.corridor.testkit.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS on the node's listener and mutual TLS on the event bus between two nodes, checked with
 * real TLS clients on loopback and a certificate made by the JDK's keytool.
 */
class TlsIT {

  static TestCertificates.Pem pem;
  static CorridorNode first;
  static CorridorNode second;
  static int busPort;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "tls-");
    pem = TestCertificates.selfSigned(dir, "corridor-node");
    String db = TestDatabase.fresh("tls");
    String cluster = NodeFixture.uniqueCluster();
    busPort = FreePorts.next();
    Map<String, String> tls = Map.of("http.tls.cert", pem.cert().toString(), "http.tls.key", pem.key().toString(),
        "cluster.tls.cert", pem.cert().toString(), "cluster.tls.key", pem.key().toString(),
        "cluster.tls.ca", pem.cert().toString());
    Map<String, String> firstSettings = new java.util.HashMap<>(tls);
    firstSettings.put("cluster.bus-port", String.valueOf(busPort));
    first = CorridorNode.start(NodeFixture.settings(db, cluster, firstSettings));
    second = CorridorNode.start(NodeFixture.settings(db, cluster, tls));
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  static SSLContext context(boolean withClientKey) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pem.keyStore())) {
      store.load(in, pem.password());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("node", store.getCertificate("corridor"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, pem.password());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(withClientKey ? kmf.getKeyManagers() : null, tmf.getTrustManagers(), null);
    return ssl;
  }

  @Test
  void httpsServesTheApiWithTheConfiguredCertificate() throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(context(false)).connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> health = client.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + first.httpPort() + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.sslSession()).isPresent();
    X509Certificate served = (X509Certificate) health.sslSession().get().getPeerCertificates()[0];
    assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=corridor-node");
  }

  @Test
  void plainHttpIsNotServedOnTheTlsPort() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.httpPort() + "/health"))
        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void clientsThatDoNotTrustTheCertificateAreRefused() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + first.httpPort() + "/health"))
        .GET().build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }

  @Test
  void eventBusMessagesCrossBetweenNodesOverTls() throws Exception {
    CompletableFuture<String> received = new CompletableFuture<>();
    String address = "test.tls." + UUID.randomUUID();
    CorridorNode.await(second.vertx().eventBus().<String>consumer(address, m -> received.complete(m.body())).completion());
    for (int attempt = 0; attempt < 100 && !received.isDone(); attempt++) {
      first.vertx().eventBus().send(address, "over tls");
      Thread.sleep(100);
    }
    assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("over tls");
    HttpClient client = HttpClient.newBuilder().sslContext(context(false)).build();
    HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + second.httpPort() + "/ready")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(new JsonObject(ready.body()).getInteger("clusterMembers")).isEqualTo(2);
  }

  @Test
  void eventBusPortSpeaksTlsAndRequiresAClientCertificate() throws Exception {
    try (SSLSocket socket = (SSLSocket) context(true).getSocketFactory().createSocket("127.0.0.1", busPort)) {
      socket.startHandshake();
      X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=corridor-node");
    }
    try (SSLSocket socket = (SSLSocket) context(false).getSocketFactory().createSocket("127.0.0.1", busPort)) {
      socket.setSoTimeout(5000);
      // TLS 1.3 reports a missing client certificate after the client's side of the handshake: on first read.
      assertThatThrownBy(() -> {
        socket.startHandshake();
        socket.getOutputStream().write(1);
        socket.getOutputStream().flush();
        if (socket.getInputStream().read() < 0) {
          throw new java.io.EOFException("closed by the node");
        }
      }).isInstanceOf(java.io.IOException.class);
    }
  }
}
