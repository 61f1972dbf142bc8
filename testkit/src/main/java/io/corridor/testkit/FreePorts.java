package io.corridor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for servers that must keep their port across restarts. */
public final class FreePorts {

  private FreePorts() {}

  /** A port free on 127.0.0.1 right now. */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /**
   * The first of {@code count} consecutive free loopback ports, below the ephemeral range (32768
   * up) so that no HTTP or event-bus port drawn later lands in the members' run.
   */
  public static int run(int count) {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = 20_000 + random.nextInt(10_000);
      boolean free = true;
      for (int i = 0; i < count && free; i++) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(first + i, 1, java.net.InetAddress.getLoopbackAddress())) {
          free = true;
        } catch (java.io.IOException e) {
          free = false;
        }
      }
      if (free) {
        return first;
      }
    }
    throw new IllegalStateException("no run of " + count + " free ports");
  }
}
