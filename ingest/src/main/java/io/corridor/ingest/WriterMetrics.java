package io.corridor.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus meters of one {@link GroupCommitWriter}, named after the writer:
 * {@code corridor_<name>_committed}, {@code _commit_failed}, {@code _group_commit} and
 * {@code _refused{reason}} (docs/api.md lists them). One class for every writer so that reads,
 * positions and drone telemetry are measured, and refusals classified, the same way.
 */
public final class WriterMetrics implements GroupCommitWriter.Listener {

  private final MeterRegistry registry;
  private final String name;
  private final Counter committed;
  private final Counter failed;
  private final Timer commitTime;

  /**
   * Meters named after {@code name} ({@code reads}, {@code positions}, {@code drone_telemetry});
   * {@code rows} is what the writer stores and {@code failedMeans} what a failed commit did to the
   * sender, both only for the meters' descriptions ({@code Reads}, {@code answered 503}).
   */
  public WriterMetrics(MeterRegistry registry, String name, String rows, String failedMeans) {
    this.registry = registry;
    this.name = name;
    this.committed = Counter.builder("corridor_" + name + "_committed").description(rows + " committed").register(registry);
    this.failed = Counter.builder("corridor_" + name + "_commit_failed")
        .description(rows + " whose commit failed (" + failedMeans + ")").register(registry);
    this.commitTime = Timer.builder("corridor_" + name + "_group_commit").description("Time of one group commit")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  @Override
  public void committed(int requests, int events, long nanos) {
    committed.increment(events);
    commitTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void failed(int requests, int events, Exception cause) {
    failed.increment(events);
  }

  @Override
  public void refused(String reason) {
    registry.counter("corridor_" + name + "_refused", "reason", reason.startsWith("writer queue full") ? "queue_full"
        : reason.startsWith("database") ? "database_unavailable" : "shutting_down").increment();
  }
}
