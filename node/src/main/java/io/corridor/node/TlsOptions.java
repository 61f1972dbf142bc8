package io.corridor.node;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import io.corridor.platform.tls.ListenerTls;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.List;

/**
 * TLS of the HTTP listener and of the event bus between nodes, from PEM files. Plain HTTP is
 * accepted only on a loopback address or when {@code http.allow-plain} says so (TLS terminated by
 * a proxy in front); the same rule holds for the event bus with {@code cluster.allow-plain}. The
 * event bus uses mutual TLS: every node presents its certificate and trusts {@code cluster.tls.ca}.
 */
public final class TlsOptions {

  /** PEM certificate chain of the HTTP listener. */
  public static final ConfigKey HTTP_CERT = new ConfigKey("http.tls.cert", "",
      "PEM file with the HTTP listener's certificate chain (with http.tls.key: HTTPS; empty: plain HTTP)");
  /** PEM private key of the HTTP listener. */
  public static final ConfigKey HTTP_KEY = new ConfigKey("http.tls.key", "",
      "PEM file with the HTTP listener's private key (PKCS#8 or PKCS#1); keep it in a secret store");
  /** Whether plain HTTP may be served on a non-loopback address. */
  public static final ConfigKey HTTP_ALLOW_PLAIN = new ConfigKey("http.allow-plain", "false",
      "Serve plain HTTP on a non-loopback http.host (only behind a proxy that terminates TLS); loopback is always allowed");
  /** PEM certificate of this node on the event bus. */
  public static final ConfigKey BUS_CERT = new ConfigKey("cluster.tls.cert", "",
      "PEM file with this node's event bus certificate (with cluster.tls.key and cluster.tls.ca: mutual TLS between nodes)");
  /** PEM private key of this node on the event bus. */
  public static final ConfigKey BUS_KEY = new ConfigKey("cluster.tls.key", "",
      "PEM file with this node's event bus private key; keep it in a secret store");
  /** PEM CA certificates the event bus trusts. */
  public static final ConfigKey BUS_CA = new ConfigKey("cluster.tls.ca", "",
      "PEM file with the CA certificate(s) that sign the nodes' event bus certificates");
  /** Whether the event bus may run plain on a non-loopback cluster.host. */
  public static final ConfigKey BUS_ALLOW_PLAIN = new ConfigKey("cluster.allow-plain", "false",
      "Run the event bus without TLS on a non-loopback cluster.host (only on a network only the nodes reach)");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(HTTP_CERT, HTTP_KEY, HTTP_ALLOW_PLAIN, BUS_CERT, BUS_KEY, BUS_CA,
      BUS_ALLOW_PLAIN);

  private final ListenerTls http;
  private final String busCert;
  private final String busKey;
  private final String busCa;

  /** Reads and validates the TLS keys against the addresses the node binds. */
  public TlsOptions(Settings s, NodeOptions node) {
    http = ListenerTls.of(s, HTTP_CERT, HTTP_KEY, HTTP_ALLOW_PLAIN, "http.host", node.httpHost());
    busCert = file(s, BUS_CERT);
    busKey = file(s, BUS_KEY);
    busCa = file(s, BUS_CA);
    boolean anyBus = !busCert.isEmpty() || !busKey.isEmpty() || !busCa.isEmpty();
    if (anyBus && (busCert.isEmpty() || busKey.isEmpty() || busCa.isEmpty())) {
      throw new ConfigException(busCert.isEmpty() ? BUS_CERT : busKey.isEmpty() ? BUS_KEY : BUS_CA, "",
          "cluster.tls.cert, cluster.tls.key and cluster.tls.ca go together");
    }
    String busHost = node.kubernetesDiscovery() ? "0.0.0.0" : node.clusterHost();
    if (!anyBus && !loopback(busHost) && !s.getBoolean(BUS_ALLOW_PLAIN)) {
      throw new ConfigException(BUS_CERT, "", "is required when the event bus is not on loopback (cluster.host "
          + busHost + "); set cluster.tls.cert/key/ca, or cluster.allow-plain=true on a network only the nodes reach");
    }
  }

  /** Whether HTTPS is configured. */
  public boolean httpTls() {
    return http.enabled();
  }

  /** Whether the event bus runs over mutual TLS. */
  public boolean busTls() {
    return !busCert.isEmpty();
  }

  /** Applies the HTTP listener's TLS to {@code options}. */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    return http.applyTo(options);
  }

  /** Applies the event bus TLS (mutual) to {@code options}. */
  public EventBusOptions applyTo(EventBusOptions options) {
    if (busTls()) {
      options.setSsl(true)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(busCert).setKeyPath(busKey))
          .setTrustOptions(new PemTrustOptions().addCertPath(busCa))
          .setClientAuth(ClientAuth.REQUIRED);
    }
    return options;
  }

  private static String file(Settings s, ConfigKey key) {
    return ListenerTls.readableFile(s, key);
  }

  static boolean loopback(String host) {
    return ListenerTls.loopback(host);
  }
}
