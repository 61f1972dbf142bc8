package io.corridor.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.corridor.ingest.GroupCommitWriter;
import java.util.concurrent.TimeUnit;

/** Prometheus meters of the read writer: commits, events, failures, refusals. */
final class IngestMetrics implements GroupCommitWriter.Listener {

  private final MeterRegistry registry;
  private final Counter committedEvents;
  private final Counter failedEvents;
  private final Timer commitTime;

  IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.committedEvents = Counter.builder("corridor_reads_committed").description("Reads committed").register(registry);
    this.failedEvents = Counter.builder("corridor_reads_commit_failed").description("Reads whose commit failed (answered 503)")
        .register(registry);
    this.commitTime = Timer.builder("corridor_reads_group_commit").description("Time of one group commit")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  @Override
  public void committed(int requests, int events, long nanos) {
    committedEvents.increment(events);
    commitTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void failed(int requests, int events, Exception cause) {
    failedEvents.increment(events);
  }

  @Override
  public void refused(String reason) {
    registry.counter("corridor_reads_refused", "reason", reason.startsWith("writer queue full") ? "queue_full"
        : reason.startsWith("database") ? "database_unavailable" : "shutting_down").increment();
  }
}
