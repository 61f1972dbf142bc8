package io.corridor.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the Debian packages an integration test drives (a real MQTT client, PostgreSQL 15, ...)
 * when they are missing, so a fresh CI machine needs no manual step. Runs {@code apt-get} only
 * when the wanted file is absent, and only as root (CI and these machines run as root); otherwise
 * it fails with the command to run by hand.
 */
public final class DebianPackages {

  private static boolean updated;

  private DebianPackages() {}

  /**
   * Makes sure {@code file} exists, installing {@code packages} with apt-get if it does not.
   *
   * @return {@code file}
   * @throws IllegalStateException when it cannot be installed, with the reason and apt's output
   */
  public static synchronized Path ensure(Path file, String... packages) {
    if (Files.exists(file)) {
      return file;
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException(file + " is missing; install it with: apt-get install -y " + String.join(" ", packages));
    }
    if (!install(packages)) {
      if (!updated) {
        run(List.of("apt-get", "update", "-q"));
        updated = true;
      }
      if (!install(packages)) {
        throw new IllegalStateException("apt-get install " + String.join(" ", packages) + " failed; see the test log");
      }
    }
    if (!Files.exists(file)) {
      throw new IllegalStateException("installed " + String.join(" ", packages) + " but " + file + " is still missing");
    }
    return file;
  }

  private static boolean install(String... packages) {
    List<String> command = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
    command.addAll(List.of(packages));
    return run(command);
  }

  private static boolean run(List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
