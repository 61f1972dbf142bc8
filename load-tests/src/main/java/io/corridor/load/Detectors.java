package io.corridor.load;

import java.time.Duration;

/**
 * Watches the node's cargo monitors from its {@code /metrics}: how many fixes they judged
 * ({@code corridor_cargo_fixes_total}) and how many are still being routed, judged or stored
 * ({@code corridor_cargo_in_flight}). Polled only between the timed phases.
 */
final class Detectors {

  private static final Duration LIMIT = Duration.ofMinutes(5);

  private final NodeMetrics metrics;
  private double judged;

  Detectors(int httpPort) {
    this.metrics = new NodeMetrics(httpPort);
  }

  /**
   * Waits until {@code expected} fixes were judged and nothing is in flight.
   *
   * @return nanoseconds waited
   */
  long await(long expected) throws Exception {
    long start = System.nanoTime();
    while (true) {
      String text = metrics.scrape();
      judged = NodeMetrics.metric(text, "corridor_cargo_fixes_total");
      double inFlight = NodeMetrics.metric(text, "corridor_cargo_in_flight");
      long waited = System.nanoTime() - start;
      if (judged >= expected && inFlight == 0) {
        return waited;
      }
      if (waited > LIMIT.toNanos()) {
        return waited; // reported with the judged count, which the verification then finds short
      }
      Thread.sleep(100);
    }
  }

  /** Fixes judged at the last poll. */
  double judged() {
    return judged;
  }
}
