package io.corridor.platform.tls;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS of one server listener (the node's HTTP port, the OsmAnd port, the MQTT port) from a PEM
 * certificate chain and private key. One rule for every listener: the certificate and key go
 * together, and a listener without them is accepted only on a loopback address or when its
 * {@code allow-plain} key says so (TLS terminated in front of it).
 */
public final class ListenerTls {

  private final String cert;
  private final String key;

  private ListenerTls(String cert, String key) {
    this.cert = cert;
    this.key = key;
  }

  /**
   * Reads and validates one listener's TLS keys.
   *
   * @param hostKey the key naming the address the listener binds (for the message)
   * @param host the address it binds
   */
  public static ListenerTls of(Settings s, ConfigKey certKey, ConfigKey keyKey, ConfigKey allowPlain, String hostKey,
      String host) {
    String cert = readableFile(s, certKey);
    String key = readableFile(s, keyKey);
    if (cert.isEmpty() != key.isEmpty()) {
      throw new ConfigException(cert.isEmpty() ? certKey : keyKey, "",
          certKey.name() + " and " + keyKey.name() + " go together");
    }
    if (cert.isEmpty() && !loopback(host) && !s.getBoolean(allowPlain)) {
      throw new ConfigException(certKey, "", "is required when " + hostKey + " (" + host + ") is not a loopback address; set "
          + certKey.name() + " and " + keyKey.name() + ", or " + allowPlain.name() + "=true behind a TLS proxy");
    }
    return new ListenerTls(cert, key);
  }

  /** Whether the listener serves TLS. */
  public boolean enabled() {
    return !cert.isEmpty();
  }

  /** Applies the certificate and key to {@code options} when TLS is configured; returns {@code options}. */
  public <T extends NetServerOptions> T applyTo(T options) {
    if (enabled()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert).setKeyPath(key));
    }
    return options;
  }

  /** The trimmed value of {@code key}, which must name a readable file when set. */
  public static String readableFile(Settings s, ConfigKey key) {
    String value = s.get(key).trim();
    if (!value.isEmpty() && !Files.isReadable(Path.of(value))) {
      throw new ConfigException(key, value, "is not a readable file");
    }
    return value;
  }

  /** Whether {@code host} is a loopback address (or {@code localhost}). */
  public static boolean loopback(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
