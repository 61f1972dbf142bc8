package io.corridor.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, printed beside every figure: on a shared machine it moves them most. */
final class LoadAverage {

  private LoadAverage() {}

  /** The 1, 5 and 15 minute load averages and the CPU count, or what the JVM knows when /proc is absent. */
  static String now() {
    int cpus = Runtime.getRuntime().availableProcessors();
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2] + " (1/5/15 min) on " + cpus + " cpus";
    } catch (IOException e) {
      return String.format("%.2f (1 min) on %d cpus", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          .getSystemLoadAverage(), cpus);
    }
  }
}
