package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.testkit.TestCertificates;
import io.corridor.testkit.TestDatabase;
import io.corridor.tracking.testing.CapturedRequest;
import io.corridor.testkit.MosquittoPub;
import io.corridor.testkit.MosquittoPub.Run;
import io.corridor.tracking.testing.RawHttp;
import io.corridor.tracking.testing.TrackingFixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OsmAnd and MQTT listeners with a certificate and key from configuration (PEM), checked with
 * real TLS clients on loopback: the JDK's HTTP client and Debian's {@code mosquitto_pub --cafile}.
 */
class TrackerTlsIT {

  static TestCertificates.Pem pem;
  static TrackingFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    pem = TestCertificates.selfSigned(Files.createTempDirectory(Path.of("target"), "tracker-tls-"), "corridor-trackers");
    fixture = TrackingFixture.start(TestDatabase.fresh("trackertls"), RawHttp.capturedClock(), Map.of(
        "tracking.osmand.tls.cert", pem.cert().toString(), "tracking.osmand.tls.key", pem.key().toString(),
        "mqtt.tls.cert", pem.cert().toString(), "mqtt.tls.key", pem.key().toString()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  static long stored() throws Exception {
    return fixture.count("SELECT count(*) FROM positions WHERE device_id = '" + TrackingFixture.TRACKER + "'");
  }

  @Test
  void osmandPositionOverHttpsIsStoredAndPlainHttpIsNotServed() throws Exception {
    String uri = CapturedRequest.load("osmand/traccar-client-android-query.http").uri();
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fixture.osmandPort + uri))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build();
    long before = stored();
    try (HttpClient https = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> answer = https.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
    assertThat(stored()).isEqualTo(before + 1);
    HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.osmandPort + uri))
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      assertThatThrownBy(() -> http.send(plain, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
  }

  @Test
  void mqttOverTlsIsAcknowledgedAndAPlainClientGetsNoAck() throws Exception {
    String topic = "corridor/trackers/" + TrackingFixture.TRACKER + "/position";
    byte[] payload;
    try (InputStream in = TrackerTlsIT.class.getResourceAsStream("/payloads/mqtt/corridor-position.json")) {
      payload = in.readAllBytes();
    }
    Run tls = MosquittoPub.publishTls(fixture.mqttPort, pem.cert(), TrackingFixture.TRACKER, TrackingFixture.TRACKER_KEY,
        topic, payload, 15);
    assertThat(tls.acknowledged()).as(tls.output()).isTrue();
    assertThat(tls.exitCode()).as(tls.output()).isZero();
    Run plain = MosquittoPub.publish(fixture.mqttPort, TrackingFixture.TRACKER, TrackingFixture.TRACKER_KEY, topic,
        payload, "mqttv311", 8);
    assertThat(plain.acknowledged()).as(plain.output()).isFalse();
    Run untrusted = MosquittoPub.publishTls(fixture.mqttPort, Path.of("/etc/ssl/certs/ca-certificates.crt"),
        TrackingFixture.TRACKER, TrackingFixture.TRACKER_KEY, topic, payload, 8);
    assertThat(untrusted.acknowledged()).as("a client that does not trust the certificate does not connect: "
        + untrusted.output()).isFalse();
  }

  static SSLContext trusting() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pem.keyStore())) {
      store.load(in, pem.password());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("trackers", store.getCertificate("corridor"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
