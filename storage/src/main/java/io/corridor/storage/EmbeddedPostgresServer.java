package io.corridor.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server from the embedded binaries on the classpath, for the demo and tests.
 * As root, initdb and postgres run inside {@code unshare -U} (PostgreSQL refuses to run as root).
 * Production points {@code db.url} at a managed PostgreSQL/TimescaleDB instead.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private final Path dataDirectory;
  private final Path binariesDirectory;
  private final boolean stopOnExit;
  private final java.util.Map<String, String> serverConfig;
  private int port;
  private EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(Path dataDirectory, Path binariesDirectory, int port, boolean stopOnExit,
      java.util.Map<String, String> serverConfig) {
    this.serverConfig = java.util.Map.copyOf(serverConfig);
    this.dataDirectory = dataDirectory;
    this.binariesDirectory = binariesDirectory;
    this.port = port;
    this.stopOnExit = stopOnExit;
  }

  /**
   * Starts PostgreSQL on {@code port} (0: a free one) keeping its data in {@code dataDirectory},
   * which is reused when it already holds a cluster.
   *
   * @param stopOnExit register a JVM shutdown hook that stops the server; callers with their own
   *     ordered shutdown pass {@code false} and call {@link #close()} themselves
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, Path binariesDirectory, int port, boolean stopOnExit) {
    return start(dataDirectory, binariesDirectory, port, stopOnExit, java.util.Map.of());
  }

  /**
   * As above, with server settings ({@code postgresql.conf} names) over the defaults here; durability
   * ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes}) stays on whatever is passed.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, Path binariesDirectory, int port, boolean stopOnExit,
      java.util.Map<String, String> serverConfig) {
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDirectory, binariesDirectory, port, stopOnExit,
        serverConfig);
    server.startProcess(port);
    return server;
  }

  private void startProcess(int onPort) {
    try {
      Files.createDirectories(dataDirectory);
      Files.createDirectories(binariesDirectory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setOverrideWorkingDirectory(binariesDirectory.toFile())
          .setRegisterShutdownHook(stopOnExit)
          .setPGStartupWait(Duration.ofSeconds(30))
          .setServerConfig("listen_addresses", "127.0.0.1");
      serverConfig.forEach(builder::setServerConfig);
      builder
          .setServerConfig("max_connections", "100")
          // The library defaults favour test speed (no fsync, asynchronous commit). Corridor acknowledges
          // a read only after commit, so the commit must be durable here too.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on");
      if (onPort > 0) {
        builder.setPort(onPort);
      }
      postgres = builder.start();
      port = postgres.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  /** JDBC URL of the {@code postgres} database, user {@code postgres}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
  }

  /** JDBC URL of database {@code name}, which {@link #createDatabase} made. */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + name;
  }

  /** Creates an empty database (one per test class keeps tests apart on one server). */
  public void createDatabase(String name) {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
    }
    try (var c = java.sql.DriverManager.getConnection(jdbcUrl(), "postgres", "");
        var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create database " + name + " on port " + port(), e);
    }
  }

  /** The port it listens on (kept across {@link #stop()} and {@link #restart()}). */
  public int port() {
    return port;
  }

  /** Stops the server, keeping its data, as an outage would. */
  public synchronized void stop() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
      } finally {
        postgres = null;
      }
    }
  }

  /** Starts it again on the same port and data after {@link #stop()}. */
  public synchronized void restart() {
    if (postgres == null) {
      startProcess(port);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
