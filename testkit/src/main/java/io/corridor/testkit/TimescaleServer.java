package io.corridor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Debian PostgreSQL 15 cluster with the TimescaleDB extension preloaded, for tests of the
 * hypertable path. The server runs as the {@code postgres} user (via {@code runuser} when the
 * test runs as root; PostgreSQL refuses root). Where the extension is not installed,
 * {@link TimescaleAvailability} builds it from the vendored source first, or says why it cannot.
 */
public final class TimescaleServer implements AutoCloseable {

  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path dataDirectory;
  private final int port;
  private final boolean timescale;
  private boolean running;

  private TimescaleServer(Path dataDirectory, int port, boolean timescale) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.timescale = timescale;
  }

  /**
   * Initialises a cluster in {@code dataDirectory} (reused when it holds one) and starts it on
   * {@code port}. The caller has made sure the extension is installed.
   */
  public static TimescaleServer start(Path dataDirectory, int port) {
    return start(dataDirectory, port, true);
  }

  /**
   * As {@link #start(Path, int)}; with {@code timescale} false a plain Debian PostgreSQL 15 (for
   * drills that need a server they can crash, where the extension is not built).
   */
  public static TimescaleServer start(Path dataDirectory, int port, boolean timescale) {
    TimescaleServer server = new TimescaleServer(dataDirectory, port, timescale);
    server.init();
    server.startProcess();
    return server;
  }

  private void init() {
    try {
      if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
        return;
      }
      Files.createDirectories(dataDirectory);
      if (asRoot()) {
        // The postgres user must own the data directory and reach it through every parent.
        run(List.of("chown", "-R", "postgres:postgres", dataDirectory.toString()), 30);
        for (Path p = dataDirectory.getParent(); p != null; p = p.getParent()) {
          p.toFile().setExecutable(true, false);
        }
      }
      run(asPostgres(BIN.resolve("initdb").toString(), "-D", dataDirectory.toString(), "-U", "postgres",
          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"), 120);
      Files.writeString(dataDirectory.resolve("postgresql.auto.conf"), String.join("\n",
          "listen_addresses = '127.0.0.1'",
          "unix_socket_directories = ''",
          timescale ? "shared_preload_libraries = 'timescaledb'" : "",
          timescale ? "timescaledb.telemetry_level = off" : "",
          "max_connections = 100",
          "shared_buffers = '128MB'",
          "fsync = on",
          "synchronous_commit = on",
          // One scheduler per database plus its running jobs; tests create many databases.
          timescale ? "timescaledb.max_background_workers = 16" : "",
          "max_worker_processes = 24",
          ""), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot initialise a TimescaleDB cluster in " + dataDirectory, e);
    }
  }

  private synchronized void startProcess() {
    run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dataDirectory.toString(), "-o", "-p " + port,
        "-l", dataDirectory.resolve("server.log").toString(), "-w", "-t", "60", "start"), 90);
    running = true;
  }

  /** JDBC URL of the {@code postgres} database (user postgres, no password). */
  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  /** JDBC URL of database {@code name}. */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** Creates an empty database with the timescaledb extension available to it. */
  public void createDatabase(String name) {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", ""); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + " on TimescaleDB port " + port, e);
    }
  }

  /** Stops the server the way a crash would ({@code immediate}: no checkpoint), keeping its data. */
  public synchronized void crash() {
    stop("immediate");
  }

  /** Starts it again on the same port and data. */
  public synchronized void restart() {
    if (!running) {
      startProcess();
    }
  }

  @Override
  public synchronized void close() {
    stop("fast");
  }

  private void stop(String mode) {
    if (running) {
      run(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dataDirectory.toString(), "-m", mode, "-w", "stop"), 60);
      running = false;
    }
  }

  static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asPostgres(String... command) {
    List<String> full = new ArrayList<>();
    if (asRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    return full;
  }

  /** Runs {@code command}, failing with its output when it does not exit 0 in time. */
  static String run(List<String> command, int timeoutSeconds) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      // pg_ctl start leaves the server holding inherited descriptors; read until our child exits.
      StringBuilder out = new StringBuilder();
      Thread reader = Thread.ofVirtual().start(() -> {
        try {
          out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException ignored) {
          // the process went away; what was read is kept
        }
      });
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
      }
      reader.join(2000);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": " + out);
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command.get(0), e);
    }
  }
}
