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
