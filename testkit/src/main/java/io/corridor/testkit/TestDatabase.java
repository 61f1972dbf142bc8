package io.corridor.testkit;

import io.corridor.storage.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test databases on one embedded PostgreSQL per test JVM, started on first use; each call of
 * {@link #fresh} gives an empty database of its own. Tests that stop the server (outage tests)
 * use {@link #dedicatedServer} instead, so they never take the shared one down.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgresServer shared;
  private static TimescaleServer sharedTimescale;

  private TestDatabase() {}

  /** A new empty database on the shared server; returns its JDBC URL (user postgres, no password). */
  public static synchronized String fresh(String prefix) {
    if (shared == null) {
      shared = EmbeddedPostgresServer.start(workDir().resolve("pg-shared-" + ProcessHandle.current().pid()),
          binariesDir(), 0, true);
    }
    String name = (prefix.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_" + COUNTER.incrementAndGet());
    shared.createDatabase(name);
    return shared.jdbcUrl(name);
  }

  /**
   * A new empty database on the shared TimescaleDB server (Debian PostgreSQL 15 with the extension
   * preloaded), started on first use. Where TimescaleDB cannot run here the calling test is
   * skipped, with the reason printed (or fails, with {@code -Dcorridor.timescale=required}).
   */
  public static synchronized String timescale(String prefix) {
    java.util.Optional<String> reason = TimescaleAvailability.unavailableReason();
    if (reason.isPresent()) {
      if (TimescaleAvailability.required()) {
        throw new IllegalStateException("TimescaleDB is required (-Dcorridor.timescale=required) but " + reason.get());
      }
      org.junit.jupiter.api.Assumptions.abort("TimescaleDB not available: " + reason.get());
    }
    if (sharedTimescale == null) {
      TimescaleServer server = TimescaleServer.start(
          workDir().resolve("timescale-shared-" + ProcessHandle.current().pid()), FreePorts.next());
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "timescale-stop"));
      sharedTimescale = server;
    }
    String name = (prefix.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_ts_" + COUNTER.incrementAndGet());
    sharedTimescale.createDatabase(name);
    return sharedTimescale.jdbcUrl(name);
  }

  /** A TimescaleDB server of the caller's own that it may crash and restart; skips like {@link #timescale}. */
  public static TimescaleServer dedicatedTimescale(String name) {
    java.util.Optional<String> reason = TimescaleAvailability.unavailableReason();
    if (reason.isPresent()) {
      org.junit.jupiter.api.Assumptions.abort("TimescaleDB not available: " + reason.get());
    }
    TimescaleServer server = TimescaleServer.start(workDir().resolve("timescale-" + name + "-" + ProcessHandle.current().pid()),
        FreePorts.next());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "timescale-stop-" + name));
    return server;
  }

  /** A server of the caller's own, on a fixed free port, that it may stop and restart. */
  public static EmbeddedPostgresServer dedicatedServer(String name) {
    return EmbeddedPostgresServer.start(workDir().resolve("pg-" + name + "-" + ProcessHandle.current().pid()),
        binariesDir(), FreePorts.next(), true);
  }

  private static Path workDir() {
    return Path.of(System.getProperty("corridor.test.workdir", "target/test-work")).toAbsolutePath();
  }

  private static Path binariesDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "corridor-pg-bin");
  }
}
