package io.corridor.load;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One timed iteration of {@code bench tracking}: its OsmAnd, MQTT and COPY phases, each on rows of
 * its own. The bench runs several and reports their medians, because a single short phase on two
 * cores lands in or out of the JVM's transients by chance (a concurrent marking cycle, a
 * recompilation after the monitors' tick) and moved the ratio by half its value (docs/benchmarks.md).
 *
 * @param httpRate OsmAnd positions per second
 * @param mqttRate MQTT positions (PUBACKs) per second
 * @param copyRate COPY rows per second
 * @param osmandMicros all CPU (bench JVM and PostgreSQL) per OsmAnd position
 * @param mqttMicros all CPU per MQTT position
 * @param copyMicros all CPU per COPY row
 */
record Iteration(double httpRate, double mqttRate, double copyRate, double osmandMicros, double mqttMicros,
    double copyMicros, long retries503, long failed, long droppedConnections) {

  double osmandRatio() {
    return httpRate / copyRate;
  }

  double mqttRatio() {
    return mqttRate / copyRate;
  }

  /** The median of {@code value} over {@code iterations} (the mean of the middle two for an even count). */
  static double median(List<Iteration> iterations, ToDoubleFunction<Iteration> value) {
    double[] v = iterations.stream().mapToDouble(value).sorted().toArray();
    if (v.length == 0) {
      throw new IllegalArgumentException("no iterations");
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** The iteration whose OsmAnd ratio is the median (the lower of the middle two for an even count). */
  static Iteration medianByOsmAnd(List<Iteration> iterations) {
    List<Iteration> sorted = iterations.stream().sorted(Comparator.comparingDouble(Iteration::osmandRatio)).toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** Each iteration's {@code value} in the order run, formatted, comma-separated. */
  static String list(List<Iteration> iterations, ToDoubleFunction<Iteration> value, String format) {
    return iterations.stream().map(i -> String.format(Locale.ROOT, format, value.applyAsDouble(i)))
        .collect(Collectors.joining(", "));
  }
}
