package io.corridor.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the cargo monitors' judging and the wire cost in a phase, per fix: judging batches and
 * Hazelcast operations (from the node's {@code /metrics}), the CPU of Hazelcast's partition threads
 * and of all its other threads (where the entry processors and their invocations run), the bench
 * JVM's context switches ({@code /proc/self/task/* /status}) and the machine's TCP segments sent
 * ({@code /proc/net/snmp}, loopback included, so PostgreSQL's and everyone else's too). Sampled
 * outside the timed windows: before a phase and once its fixes are judged.
 */
final class JudgingMeter {

  /** Counters at one instant. */
  record Sample(double batches, double operations, double keys, double fixes, long partitionNanos, long otherHazelcastNanos,
      long contextSwitches, long tcpOutSegments) {}

  private final NodeMetrics metrics;

  JudgingMeter(int httpPort) {
    this.metrics = new NodeMetrics(httpPort);
  }

  Sample sample() throws Exception {
    String text = metrics.scrape();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long partition = 0;
    long other = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long cpu = Math.max(0, threads.getThreadCpuTime(t.threadId()));
      if (t.getName().contains("partition-operation")) {
        partition += cpu;
      } else if (t.getName().startsWith("hz.")) {
        other += cpu;
      }
    }
    return new Sample(NodeMetrics.metric(text, "corridor_cargo_judging_batches_total"),
        NodeMetrics.metric(text, "corridor_cargo_judging_operations_total"),
        NodeMetrics.metric(text, "corridor_cargo_judging_keys_total"), NodeMetrics.metric(text, "corridor_cargo_fixes_total"),
        partition, other, contextSwitches(), tcpOutSegments());
  }

  /** One line for a phase between {@code from} and {@code to}, of {@code positions} fixes. */
  static String describe(Sample from, Sample to, long positions) {
    double batches = to.batches() - from.batches();
    double ops = to.operations() - from.operations();
    double fixes = to.fixes() - from.fixes();
    return String.format(Locale.ROOT, "judging: %.0f batches, %.1f fixes and %.1f operations each, %.2f shipments and %.2f"
            + " fixes per operation; Hazelcast partition threads %.1f µs per fix, its other threads %.1f; bench JVM %.2f"
            + " context switches per fix; machine %.2f TCP segments sent per fix", batches, fixes / batches, ops / batches,
        (to.keys() - from.keys()) / ops, fixes / ops, (to.partitionNanos() - from.partitionNanos()) / 1e3 / positions,
        (to.otherHazelcastNanos() - from.otherHazelcastNanos()) / 1e3 / positions,
        (double) (to.contextSwitches() - from.contextSwitches()) / positions,
        (double) (to.tcpOutSegments() - from.tcpOutSegments()) / positions);
  }

  /** Voluntary and involuntary context switches of every thread of this JVM; -1 when unknown. */
  private static long contextSwitches() {
    long sum = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
              sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return sum;
  }

  /** Tcp OutSegs of this machine; -1 when unknown. */
  private static long tcpOutSegments() {
    try {
      List<String> tcp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Tcp:")).toList();
      List<String> names = List.of(tcp.get(0).split(" "));
      return Long.parseLong(tcp.get(1).split(" ")[names.indexOf("OutSegs")]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
