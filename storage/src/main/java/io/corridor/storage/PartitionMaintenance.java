package io.corridor.storage;

import io.corridor.storage.evidence.EvidenceStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies retention: on native partitions it creates upcoming daily partitions and drops expired
 * ones whole (never row by row); on TimescaleDB it keeps one retention policy per hypertable in
 * line with configuration, with compression and the hourly aggregate
 * ({@link TimescalePolicies}). Evidence frames, a small plain table, are deleted row by row once their
 * {@code keep_until} has passed. Blocking; run it from a worker, once per cluster.
 */
public final class PartitionMaintenance {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenance.class);

  /**
   * What one run did.
   *
   * @param evidenceDeleted evidence frames deleted because their {@code keep_until} passed
   */
  public record Report(List<String> created, List<String> dropped, boolean timescale, int evidenceDeleted) {}

  private final DataSource dataSource;
  private final RetentionPolicy retention;
  private final RetentionPlanner planner;
  private final Duration oldestAccepted;
  private final Clock clock;
  private final TimescalePolicies timescale;
  private List<ExpiringData> expiring = List.of();

  /**
   * @param oldestAccepted how far back ingest accepts event times: partitions must exist that far
   */
  public PartitionMaintenance(DataSource dataSource, RetentionPolicy retention, int partitionsAhead,
      Duration oldestAccepted, Clock clock) {
    this(dataSource, retention, partitionsAhead, oldestAccepted, Duration.ofDays(7), clock);
  }

  /**
   * @param oldestAccepted how far back ingest accepts event times: partitions must exist that far
   * @param compressAfter TimescaleDB only: age past which chunks are compressed (zero: never)
   */
  public PartitionMaintenance(DataSource dataSource, RetentionPolicy retention, int partitionsAhead,
      Duration oldestAccepted, Duration compressAfter, Clock clock) {
    this.timescale = new TimescalePolicies(retention, compressAfter, oldestAccepted);
    this.dataSource = dataSource;
    this.retention = retention;
    this.planner = new RetentionPlanner(partitionsAhead);
    this.oldestAccepted = oldestAccepted;
    this.clock = clock;
  }

  /** Also expires the modules' own data classes at every run (see {@link ExpiringData}). */
  public PartitionMaintenance expiring(List<ExpiringData> data) {
    this.expiring = List.copyOf(data);
    return this;
  }

  /** Creates and drops partitions (or reconciles TimescaleDB policies) for every table. */
  public Report run() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      int evidenceDeleted = deleteExpiredEvidence(c);
      expireModuleData(c);
      if (TimeSeriesSchema.usesTimescale(c)) {
        timescale.reconcile(c);
        return RetentionRuns.record(c, new Report(List.of(), List.of(), true, evidenceDeleted), clock.instant());
      }
      List<String> created = new ArrayList<>();
      List<String> dropped = new ArrayList<>();
      for (TimeSeriesTable table : TimeSeriesTable.values()) {
        RetentionPlanner.Plan plan = planner.plan(table, clock.instant(), retention.of(table), oldestAccepted,
            existing(c, table));
        try (Statement st = c.createStatement()) {
          for (DailyPartition p : plan.create()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + p.name() + " PARTITION OF " + table.tableName()
                + " FOR VALUES FROM ('" + p.from() + "') TO ('" + p.until() + "')");
            created.add(p.name());
          }
          for (DailyPartition p : plan.drop()) {
            st.execute("DROP TABLE IF EXISTS " + p.name());
            dropped.add(p.name());
          }
        }
      }
      if (!created.isEmpty() || !dropped.isEmpty()) {
        LOG.info("retention: created {} partitions, dropped {} expired: {}", created.size(), dropped.size(), dropped);
      }
      return RetentionRuns.record(c, new Report(created, dropped, false, evidenceDeleted), clock.instant());
    }
  }

  private void expireModuleData(Connection c) throws SQLException {
    for (ExpiringData data : expiring) {
      long deleted = data.expire(c, clock.instant());
      if (deleted > 0) {
        LOG.info("retention: deleted {} rows of {} past {}", deleted, data.name(), data.limit());
      }
    }
  }

  private int deleteExpiredEvidence(Connection c) throws SQLException {
    int deleted = EvidenceStore.deleteExpired(c, clock.instant());
    if (deleted > 0) {
      LOG.info("retention: deleted {} evidence frames past their keep-until time", deleted);
    }
    return deleted;
  }

  /** Daily partitions of {@code table} that exist now. */
  public static List<DailyPartition> existing(Connection c, TimeSeriesTable table) throws SQLException {
    List<DailyPartition> result = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT child.relname FROM pg_inherits i
          JOIN pg_class child ON child.oid = i.inhrelid
          JOIN pg_class parent ON parent.oid = i.inhparent
         WHERE parent.relname = ?""")) {
      ps.setString(1, table.tableName());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          DailyPartition.parse(table, rs.getString(1)).ifPresent(result::add);
        }
      }
    }
    return result;
  }
}
