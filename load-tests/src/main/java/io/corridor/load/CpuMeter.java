package io.corridor.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where a phase's CPU went, so a figure from the shared machine says what limited it: the load
 * generator's threads, the rest of this JVM (the node), and the embedded PostgreSQL (its
 * postmaster and every backend, from {@code /proc}), each in microseconds per position, with
 * the load average. The load generator registers its threads with {@link #loadThread()}.
 */
final class CpuMeter {

  /** CPU at one instant, in nanoseconds. */
  record Sample(long jvm, long load, long postgres, long wallNanos, String loadAverage, long other) {}

  private static final long TICK_NANOS = 10_000_000L; // USER_HZ 100 on Linux
  private static final Set<Long> LOAD_THREADS = ConcurrentHashMap.newKeySet();

  private final Long postmaster;
  /** A further process measured with every sample (the ceiling's bare server in its own JVM), or null. */
  private volatile ProcessHandle other;

  /** @param postmasterPid the embedded PostgreSQL's postmaster, or null when it runs elsewhere */
  CpuMeter(Long postmasterPid) {
    this.postmaster = postmasterPid;
  }

  /** The postmaster's pid from a data directory's {@code postmaster.pid}, or null. */
  static Long postmasterOf(Path dataDir) {
    try {
      return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Marks the calling thread as the load generator's (cheap; call once per callback). */
  static void loadThread() {
    LOAD_THREADS.add(Thread.currentThread().threadId());
  }

  Sample sample() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long load = 0;
    for (long id : LOAD_THREADS) {
      long t = threads.getThreadCpuTime(id);
      load += Math.max(0, t);
    }
    long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    ProcessHandle o = other;
    long otherCpu = o == null ? -1 : o.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    return new Sample(jvm, load, postgres(), System.nanoTime(), loadAverage(), otherCpu);
  }

  /** Measures {@code process} too from the next sample on; null stops it. */
  void alsoMeasure(ProcessHandle process) {
    other = process;
  }

  /**
   * One line for a phase served by the other process: its CPU, the load generator's, PostgreSQL's
   * and the rest of this JVM's (the idle node), per position.
   */
  String describeOther(Sample from, Sample to, long positions, String otherPart) {
    double served = (to.other() - from.other()) / 1e3 / positions;
    double load = (to.load() - from.load()) / 1e3 / positions;
    double rest = (to.jvm() - from.jvm() - (to.load() - from.load())) / 1e3 / positions;
    String pg = from.postgres() < 0 || to.postgres() < 0 ? "n/a"
        : String.format(Locale.ROOT, "%.0f", (to.postgres() - from.postgres()) / 1e3 / positions);
    double cores = (to.other() - from.other() + to.load() - from.load() + Math.max(0, to.postgres() - from.postgres()))
        / (double) (to.wallNanos() - from.wallNanos());
    return String.format(Locale.ROOT, "CPU µs/position: %s %.0f, load generator %.0f, PostgreSQL %s (%.2f cores busy);"
        + " rest of the bench JVM (the idle node) %.0f; load average %s", otherPart, served, load, pg, cores, rest,
        to.loadAverage());
  }

  /**
   * Microseconds of CPU per position of the other process and the load generator together: the
   * exchange itself (PostgreSQL has no part in it; what it spends meanwhile is its own housekeeping).
   */
  static double otherMicros(Sample from, Sample to, long positions) {
    return (to.other() - from.other() + to.load() - from.load()) / 1e3 / positions;
  }

  /** One line: CPU per position of each part between {@code from} and {@code to}. */
  String describe(Sample from, Sample to, long positions) {
    return describe(from, to, positions, "node");
  }

  /** {@link #describe(Sample, Sample, long)} naming the JVM's share other than the load generator {@code jvmPart}. */
  String describe(Sample from, Sample to, long positions, String jvmPart) {
    double node = (to.jvm() - from.jvm() - (to.load() - from.load())) / 1e3 / positions;
    double load = (to.load() - from.load()) / 1e3 / positions;
    String pg = from.postgres() < 0 || to.postgres() < 0 ? "n/a"
        : String.format(Locale.ROOT, "%.0f", (to.postgres() - from.postgres()) / 1e3 / positions);
    double cores = (to.jvm() - from.jvm() + Math.max(0, to.postgres() - from.postgres())) / (double) (to.wallNanos() - from.wallNanos());
    return String.format(Locale.ROOT, "CPU µs/position: %s %.0f, load generator %.0f, PostgreSQL %s (%.2f cores busy); load average %s",
        jvmPart, node, load, pg, cores, to.loadAverage());
  }

  /**
   * Microseconds of CPU per position between two samples, everything this bench measures
   * together: this JVM (node or bare server, and the load generator) and PostgreSQL.
   */
  static double totalMicros(Sample from, Sample to, long positions) {
    return (to.jvm() - from.jvm() + Math.max(0, to.postgres() - from.postgres())) / 1e3 / positions;
  }

  /**
   * Waits (at most {@code limitMillis}) until the JIT compiled less than 20 ms in the last half
   * second, so the timed phases measure a compiled node rather than the compiler.
   *
   * @return the milliseconds waited
   */
  static long awaitJitQuiet(long limitMillis) throws InterruptedException {
    var jit = ManagementFactory.getCompilationMXBean();
    long start = System.currentTimeMillis();
    long before = jit.getTotalCompilationTime();
    while (System.currentTimeMillis() - start < limitMillis) {
      Thread.sleep(500);
      long now = jit.getTotalCompilationTime();
      if (now - before < 20) {
        break;
      }
      before = now;
    }
    return System.currentTimeMillis() - start;
  }

  /** The 1-minute load average now. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** utime + stime of the postmaster, its reaped children and its live children; -1 when unknown. */
  private long postgres() {
    if (postmaster == null) {
      return -1;
    }
    long ticks = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] f = stat(p);
        if (f == null) {
          continue;
        }
        long pid = Long.parseLong(name);
        long ppid = Long.parseLong(f[1]);
        if (pid == postmaster) {
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } else if (ppid == postmaster) {
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks * TICK_NANOS;
  }

  /** Fields of /proc/pid/stat after the command name (index 0 = state, 1 = ppid, 11 = utime, ...). */
  private static String[] stat(Path proc) {
    try {
      String s = Files.readString(proc.resolve("stat"));
      return s.substring(s.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null; // the process ended
    }
  }
}
