package io.corridor.rules.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's counters in the node's registry (served at {@code /metrics}):
 * {@code corridor_rule_failures_total{rule}} (a rule threw and was isolated),
 * {@code corridor_rule_warnings_total{rule,reason}} (e.g. {@code calibration_expired}: a speed
 * camera whose certificate lapsed measured an offence that is not reported), and
 * {@code corridor_violations_found_total{rule}}.
 */
public final class EngineMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Counter> foundByRule = new ConcurrentHashMap<>();

  /** Counts into {@code registry}. */
  public EngineMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts into a private registry (tests, benchmarks). */
  public EngineMetrics() {
    this(new SimpleMeterRegistry());
  }

  /** A rule threw. */
  public void failure(String rule) {
    counter("corridor_rule_failures", rule, null).increment();
  }

  /** A rule met a condition an operator must see, e.g. {@code calibration_expired}. */
  public void warning(String rule, String reason) {
    counter("corridor_rule_warnings", rule, reason).increment();
  }

  /** A rule found {@code n} violations. */
  public void found(String rule, int n) {
    // On the hot path: looked up by rule id alone, no key built per call.
    foundByRule.computeIfAbsent(rule, r -> counter("corridor_violations_found", r, null)).increment(n);
  }

  /** The current count of warnings {@code reason} of {@code rule}. */
  public double warnings(String rule, String reason) {
    return counter("corridor_rule_warnings", rule, reason).count();
  }

  /** The current count of failures of {@code rule}. */
  public double failures(String rule) {
    return counter("corridor_rule_failures", rule, null).count();
  }

  private Counter counter(String name, String rule, String reason) {
    return counters.computeIfAbsent(name + '|' + rule + '|' + reason, k -> {
      Counter.Builder b = Counter.builder(name).tag("rule", rule);
      if (reason != null) {
        b.tag("reason", reason);
      }
      return b.register(registry);
    });
  }
}
