package io.corridor.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether the TimescaleDB tests can run here, making it so where possible: on a Debian machine as
 * root it installs PostgreSQL 15 and the build tools ({@link DebianPackages}) and builds the
 * extension from the vendored source with {@code bin/build-timescaledb} (about 1-2 minutes, once
 * per machine). Elsewhere it answers the reason, which the tests print when they skip.
 *
 * <p>System property {@code corridor.timescale}: {@code auto} (default) as above, {@code off}
 * never runs the TimescaleDB tests, {@code required} fails them instead of skipping.
 */
public final class TimescaleAvailability {

  static final Path CONTROL = Path.of("/usr/share/postgresql/15/extension/timescaledb.control");
  static final Path LIBRARY = Path.of("/usr/lib/postgresql/15/lib/timescaledb.so");

  private static Optional<String> unavailable;

  private TimescaleAvailability() {}

  /** Empty when TimescaleDB can be started here; otherwise why not. Decided once per JVM. */
  public static synchronized Optional<String> unavailableReason() {
    if (unavailable == null) {
      unavailable = decide();
      unavailable.ifPresent(reason -> System.err.println("TimescaleDB tests skipped: " + reason));
    }
    return unavailable;
  }

  /** Whether a missing TimescaleDB should fail the tests rather than skip them. */
  public static boolean required() {
    return "required".equals(System.getProperty("corridor.timescale", "auto"));
  }

  private static Optional<String> decide() {
    if ("off".equals(System.getProperty("corridor.timescale", "auto"))) {
      return Optional.of("turned off with -Dcorridor.timescale=off");
    }
    if (installed()) {
      return Optional.empty();
    }
    if (!Files.exists(Path.of("/etc/debian_version"))) {
      return Optional.of("the extension is not installed in " + CONTROL.getParent()
          + " and this is not a Debian machine that could build it");
    }
    if (!TimescaleServer.asRoot()) {
      return Optional.of("the extension is not installed and building it needs root; run as root: bin/build-timescaledb"
          + " (after apt-get install -y postgresql-15 postgresql-server-dev-15 cmake gcc make libkrb5-dev)");
    }
    Optional<Path> script = findUpwards(Path.of("bin/build-timescaledb"));
    if (script.isEmpty()) {
      return Optional.of("bin/build-timescaledb not found above " + Path.of("").toAbsolutePath());
    }
    try {
      DebianPackages.ensure(TimescaleServer.BIN.resolve("postgres"), "postgresql-15");
      DebianPackages.ensure(Path.of("/usr/include/postgresql/15/server/postgres.h"), "postgresql-server-dev-15");
      DebianPackages.ensure(Path.of("/usr/bin/cmake"), "cmake");
      DebianPackages.ensure(Path.of("/usr/bin/make"), "make");
      DebianPackages.ensure(Path.of("/usr/bin/gcc"), "gcc");
      DebianPackages.ensure(Path.of("/usr/include/krb5.h"), "libkrb5-dev");
      Path build = Path.of(System.getProperty("java.io.tmpdir"), "corridor-timescaledb-build");
      System.err.println("TimescaleDB is not installed: building it from the vendored source (about 1-2 minutes)");
      System.err.println(TimescaleServer.run(List.of(script.get().toString(), "", build.toString()), 900));
    } catch (RuntimeException e) {
      return Optional.of("building the extension failed: " + e.getMessage());
    }
    return installed() ? Optional.empty() : Optional.of("bin/build-timescaledb ran but " + CONTROL + " is still missing");
  }

  private static boolean installed() {
    return Files.exists(CONTROL) && Files.exists(LIBRARY) && Files.exists(TimescaleServer.BIN.resolve("pg_ctl"));
  }

  /** {@code relative} resolved against the working directory or the nearest parent that has it. */
  static Optional<Path> findUpwards(Path relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
