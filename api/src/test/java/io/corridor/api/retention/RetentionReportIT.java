package io.corridor.api.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.api.LawfulFixture;
import io.corridor.platform.auth.Role;
import io.corridor.storage.DailyPartition;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.TimeSeriesTable;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/retention} and its metrics say what the database holds. */
class RetentionReportIT {

  static LawfulFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = new LawfulFixture("retention", Map.of("retention.report-interval", "200ms"));
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  static JsonObject dataClass(JsonObject report, String name) {
    return report.getJsonArray("classes").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("class").equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theReportMatchesTheDatabase() throws Exception {
    Instant now = fx.clock.instant();
    fx.read("cam-1", "01777KS", now.minus(Duration.ofDays(20)), null, null);
    fx.read("cam-1", "02888KS", now.minus(Duration.ofHours(1)), null, null);
    fx.partitions().run();

    HttpResponse<String> r = fx.get("/v1/retention", fx.token("auditor-1", Role.AUDITOR));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject report = new JsonObject(r.body());
    JsonObject reads = dataClass(report, "plate_reads");
    List<String> partitions;
    try (Connection c = fx.database.dataSource().getConnection()) {
      partitions = PartitionMaintenance.existing(c, TimeSeriesTable.PLATE_READS).stream()
          .sorted(Comparator.comparing(DailyPartition::day)).map(DailyPartition::name).toList();
    }
    assertThat(reads.getJsonArray("partitions").getList()).isEqualTo(partitions);
    long oldestMicros = fx.count("SELECT (extract(epoch FROM min(event_time)) * 1000000)::bigint FROM plate_reads");
    assertThat(Instant.parse(reads.getString("oldest")))
        .isEqualTo(Instant.EPOCH.plus(Duration.ofNanos(oldestMicros * 1000)));
    assertThat(reads.getLong("limitSeconds")).isEqualTo(Duration.ofDays(30).toSeconds());
    assertThat(reads.getBoolean("outlivesLimit")).isFalse();
    assertThat(dataClass(report, "audit_log").getLong("rows")).isEqualTo(fx.count("SELECT count(*) FROM audit_log"));
    assertThat(dataClass(report, "held_reads").getLong("rows")).isEqualTo(fx.count("SELECT count(*) FROM held_reads"));
    JsonObject last = report.getJsonObject("lastExpiryRun");
    assertThat(Instant.parse(last.getString("at"))).isEqualTo(
        Instant.EPOCH.plus(Duration.ofNanos(fx.count("SELECT (extract(epoch FROM max(run_at)) * 1000000)::bigint FROM retention_runs") * 1000)));
    assertThat(fx.get("/v1/retention", fx.token("operator-1", Role.OPERATOR)).statusCode()).isEqualTo(200);
    assertThat(fx.get("/v1/retention", fx.token("analyst-1", Role.ANALYST)).statusCode()).isEqualTo(403);
  }

  @Test
  void aPartitionThatMissedExpiryOutlivesItsLimitAndTheMetricsSaySo() throws Exception {
    // A day 40 days back exists only if someone made it by hand: retention never ran on it.
    DailyPartition stale = new DailyPartition(TimeSeriesTable.PLATE_READS,
        java.time.LocalDate.ofInstant(fx.clock.instant().minus(Duration.ofDays(40)), java.time.ZoneOffset.UTC));
    fx.sql("CREATE TABLE " + stale.name() + " PARTITION OF plate_reads FOR VALUES FROM ('" + stale.from() + "') TO ('"
        + stale.until() + "')");
    try {
      fx.read("cam-1", "03999KS", stale.from().plusSeconds(60), null, null);
      JsonObject report = new JsonObject(fx.get("/v1/retention", fx.token("auditor-1", Role.AUDITOR)).body());
      assertThat(dataClass(report, "plate_reads").getBoolean("outlivesLimit")).isTrue();
      assertThat(fx.metrics.scrape()).contains("corridor_retention_outlives_limit{class=\"plate_reads\"} 1.0");
      assertThat(fx.metrics.scrape()).contains("corridor_retention_limit_seconds{class=\"plate_reads\"} 2592000.0");
    } finally {
      fx.sql("DROP TABLE " + stale.name());
    }
  }
}
