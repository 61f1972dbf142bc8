package io.corridor.api.retention;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The retention report's figures as gauges, read from the latest report (refreshed on a timer and
 * on every {@code GET /v1/retention}), so a scrape never touches the database:
 * {@code corridor_retention_limit_seconds}, {@code corridor_retention_oldest_age_seconds},
 * {@code corridor_retention_partitions}, {@code corridor_retention_outlives_limit} (0/1) per
 * {@code class}, and {@code corridor_retention_last_run_age_seconds}.
 */
public final class RetentionMetrics {

  private final MeterRegistry registry;
  private final AtomicReference<RetentionReport.Report> latest = new AtomicReference<>();
  private final Set<String> registered = new HashSet<>();

  /** Registers gauges in {@code registry} as classes appear. */
  public RetentionMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("corridor_retention_last_run_age_seconds", latest, r -> r.get() == null || r.get().lastRun().isEmpty()
            ? Double.NaN : Duration.between(r.get().lastRun().get().at(), r.get().at()).toSeconds())
        .description("Seconds between the last retention run and the latest report").register(registry);
  }

  /** Publishes {@code report}. */
  public synchronized void update(RetentionReport.Report report) {
    latest.set(report);
    for (RetentionReport.DataClass d : report.classes()) {
      if (registered.add(d.name())) {
        String name = d.name();
        gauge("corridor_retention_limit_seconds", name, "Configured retention limit", c -> c.limit() == null
            ? Double.NaN : c.limit().toSeconds());
        gauge("corridor_retention_oldest_age_seconds", name, "Age of the oldest row present", c -> c.oldest() == null
            ? 0 : Duration.between(c.oldest(), latest.get().at()).toSeconds());
        gauge("corridor_retention_partitions", name, "Daily partitions present", c -> c.partitions().size());
        gauge("corridor_retention_outlives_limit", name, "1 when a row is older than its limit allows",
            c -> c.outlivesLimit() ? 1 : 0);
      }
    }
  }

  /** The latest report, or null before the first. */
  public RetentionReport.Report latest() {
    return latest.get();
  }

  private void gauge(String metric, String dataClass, String help,
      java.util.function.ToDoubleFunction<RetentionReport.DataClass> value) {
    Gauge.builder(metric, latest, r -> r.get() == null ? Double.NaN : r.get().classes().stream()
            .filter(c -> c.name().equals(dataClass)).mapToDouble(value).findFirst().orElse(Double.NaN))
        .tag("class", dataClass).description(help).register(registry);
  }
}
