package io.corridor.load;

import java.util.Arrays;

/**
 * Per-request ack latencies, kept exactly. A run has one sample per HTTP request (reads / batch,
 * a few hundred by default), so sorting a {@code long[]} costs nothing and gives exact percentiles;
 * HdrHistogram is only a runtime dependency of Micrometer here and would add rounding for no gain.
 * Thread-safe.
 */
public final class LatencyRecorder {

  private long[] nanos;
  private int count;

  /** Room for {@code expected} samples; grows when more arrive. */
  public LatencyRecorder(int expected) {
    nanos = new long[Math.max(16, expected)];
  }

  /** Records one latency in nanoseconds. */
  public synchronized void record(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
  }

  /** Samples recorded so far. */
  public synchronized int count() {
    return count;
  }

  /** Percentiles of what was recorded; all zero when nothing was. */
  public synchronized Summary summary() {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Summary(count, at(sorted, 50), at(sorted, 90), at(sorted, 99), count == 0 ? 0 : sorted[count - 1]);
  }

  /** Nearest-rank percentile: the smallest sample with at least {@code p}% of samples at or below it. */
  static long at(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * Latency percentiles in nanoseconds.
   *
   * @param samples requests measured
   */
  public record Summary(int samples, long p50, long p90, long p99, long max) {}
}
