package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class WriterMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WriterMetrics metrics = new WriterMetrics(registry, "positions", "Rows", "answered 503");

  @Test
  void countsEventsUnderTheWritersName() {
    metrics.committed(2, 5, 1_000_000);
    metrics.failed(1, 3, new IllegalStateException("down"));
    assertThat(registry.get("corridor_positions_committed").counter().count()).isEqualTo(5);
    assertThat(registry.get("corridor_positions_commit_failed").counter().count()).isEqualTo(3);
    assertThat(registry.get("corridor_positions_group_commit").timer().count()).isEqualTo(1);
  }

  @Test
  void classifiesRefusalsByReason() {
    metrics.refused("writer queue full (4096)");
    metrics.refused("database unavailable");
    metrics.refused("writer is shutting down");
    for (String reason : new String[] {"queue_full", "database_unavailable", "shutting_down"}) {
      assertThat(registry.get("corridor_positions_refused").tag("reason", reason).counter().count()).isEqualTo(1);
    }
  }
}
