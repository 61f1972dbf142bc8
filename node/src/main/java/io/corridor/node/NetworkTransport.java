package io.corridor.node;

import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;

/**
 * The network transport a node's Vert.x runs on, and why: Netty's native epoll where
 * {@code vertx.native-transport} asks for it and its JNI library loads, else the JDK's NIO selector.
 * Vert.x itself falls back to NIO silently; choosing here lets the node say so in its log, so a
 * node that runs on NIO where epoll was meant (another CPU architecture, a missing or old glibc)
 * is seen at once, and still starts. Hazelcast's member connections have their own networking and
 * are not affected either way.
 *
 * @param transport what the node passes to {@code VertxBuilder.withTransport}
 * @param reason why, for the log
 */
public record NetworkTransport(Transport transport, String reason) {

  /** The transport {@code node}'s settings ask for, as far as this platform allows. */
  public static NetworkTransport of(NodeOptions node) {
    return choose(node.nativeTransport(), node.nativeTransport() ? Transport.nativeTransport() : null);
  }

  /**
   * @param preferNative the setting
   * @param candidate the platform's native transport ({@link Transport#nativeTransport()}); null where
   *     Vert.x knows none for this operating system
   */
  static NetworkTransport choose(boolean preferNative, Transport candidate) {
    String key = NodeOptions.NATIVE_TRANSPORT.name();
    if (!preferNative) {
      return new NetworkTransport(Transport.NIO, key + "=false");
    }
    if (candidate == null) {
      return new NetworkTransport(Transport.NIO, key + "=true, but Vert.x has no native transport for "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
    if (!candidate.available()) {
      Throwable cause = candidate.unavailabilityCause();
      return new NetworkTransport(Transport.NIO, key + "=true, but " + candidate.name() + " cannot load on "
          + System.getProperty("os.arch") + ": " + describe(cause));
    }
    return new NetworkTransport(candidate, key + "=true");
  }

  /** Whether this is a native transport. */
  public boolean isNative() {
    return transport != Transport.NIO;
  }

  /** The log line once {@code vertx} runs: what it actually runs on, which Vert.x alone knows. */
  String logLine(Vertx vertx) {
    String running = vertx.isNativeTransportEnabled() ? transport.name() : "nio";
    if (isNative() && !vertx.isNativeTransportEnabled()) {
      return "network transport: nio (" + reason + ", but Vert.x fell back: "
          + describe(vertx.unavailableNativeTransportCause()) + ")";
    }
    return "network transport: " + running + " (" + reason + ")";
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "no cause given";
    }
    // the first cause is often a wrapper ("failed to load any of the given libraries"); the last says why
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String first = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return root == cause ? first : first + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }
}
