package io.corridor.tracking.positions;

import io.corridor.ingest.GroupCommitWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Prometheus meters of one tracking writer ({@code corridor_<name>_committed}, ...). */
public final class WriterMetrics implements GroupCommitWriter.Listener {

  private final MeterRegistry registry;
  private final String name;
  private final Counter committed;
  private final Counter failed;
  private final Timer commitTime;

  /** Meters named after {@code name} ({@code positions}, {@code drone_telemetry}). */
  public WriterMetrics(MeterRegistry registry, String name) {
    this.registry = registry;
    this.name = name;
    this.committed = Counter.builder("corridor_" + name + "_committed").description("Rows committed").register(registry);
    this.failed = Counter.builder("corridor_" + name + "_commit_failed")
        .description("Rows whose commit failed (answered 503 or not acknowledged)").register(registry);
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
