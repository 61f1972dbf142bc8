package io.corridor.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what TimescaleDB runs for Corridor in line with configuration: one retention policy per
 * hypertable, compression of chunks older than {@code compressAfter} (segmented by device, so a
 * camera's hour decompresses alone; plate look-ups use the bloom filter TimescaleDB derives from
 * the {@code plate_hash} index), and the continuous aggregate {@value #HOURLY} of reads per
 * camera and hour for dashboards. Idempotent: a policy is replaced only when its setting changed,
 * so the background job ids stay stable. Call with autocommit on (continuous aggregates cannot be
 * created inside a transaction).
 */
public final class TimescalePolicies {

  /** Continuous aggregate of plate reads per camera and hour (counts only: no plate, hash or ciphertext). */
  public static final String HOURLY = "plate_reads_hourly";

  private static final Logger LOG = LoggerFactory.getLogger(TimescalePolicies.class);
  private static final String CREATE_HOURLY = "CREATE MATERIALIZED VIEW IF NOT EXISTS " + HOURLY
      + " WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS"
      + " SELECT device_id, time_bucket(INTERVAL '1 hour', event_time) AS hour, count(*) AS reads,"
      + " avg(confidence)::real AS mean_confidence FROM plate_reads GROUP BY device_id, hour WITH NO DATA";

  private final RetentionPolicy retention;
  private final Duration compressAfter;
  private final Duration oldestAccepted;

  /**
   * @param compressAfter age past which chunks are compressed; zero: never
   * @param oldestAccepted how far back ingest accepts reads: the aggregate is refreshed that far back
   */
  public TimescalePolicies(RetentionPolicy retention, Duration compressAfter, Duration oldestAccepted) {
    this.retention = retention;
    this.compressAfter = compressAfter;
    this.oldestAccepted = oldestAccepted;
  }

  /** Applies every policy; returns what it changed (empty when all were already in place). */
  public List<String> reconcile(Connection c) throws SQLException {
    List<String> changed = new ArrayList<>();
    for (TimeSeriesTable table : TimeSeriesTable.values()) {
      String name = table.tableName();
      if (replacePolicy(c, "policy_retention", name, "drop_after", retention.of(table),
          "SELECT remove_retention_policy(?::regclass, if_exists => true)",
          "SELECT add_retention_policy(?::regclass, make_interval(secs => ?))")) {
        changed.add("retention " + name + " " + retention.of(table));
      }
      if (!compressAfter.isZero()) {
        if (enableCompression(c, name)) {
          changed.add("compression enabled on " + name);
        }
        if (replacePolicy(c, "policy_compression", name, "compress_after", compressAfter,
            "SELECT remove_compression_policy(?::regclass, if_exists => true)",
            "SELECT add_compression_policy(?::regclass, make_interval(secs => ?))")) {
          changed.add("compression " + name + " after " + compressAfter);
        }
      } else if (jobs(c, "policy_compression", name) > 0) {
        execute(c, "SELECT remove_compression_policy(?::regclass, if_exists => true)", name);
        changed.add("compression policy removed from " + name);
      }
    }
    if (createHourlyAggregate(c)) {
      changed.add("continuous aggregate " + HOURLY);
    }
    if (!changed.isEmpty()) {
      LOG.info("TimescaleDB policies: {}", changed);
    }
    return changed;
  }

  /** Replaces the job of {@code proc} on {@code table} unless its {@code key} already equals {@code want}. */
  private static boolean replacePolicy(Connection c, String proc, String table, String key, Duration want,
      String remove, String add) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE (config->>?)::interval = make_interval(secs => ?)),"
        + " count(*) FROM timescaledb_information.jobs WHERE proc_name = ? AND hypertable_name = ?")) {
      ps.setString(1, key);
      ps.setLong(2, want.toSeconds());
      ps.setString(3, proc);
      ps.setString(4, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getInt(1) == 1 && rs.getInt(2) == 1) {
          return false;
        }
      }
    }
    execute(c, remove, table);
    try (PreparedStatement ps = c.prepareStatement(add)) {
      ps.setString(1, table);
      ps.setLong(2, want.toSeconds());
      ps.execute();
    }
    return true;
  }

  private static boolean enableCompression(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT compression_enabled FROM timescaledb_information.hypertables WHERE hypertable_name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getBoolean(1)) {
          return false;
        }
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute("ALTER TABLE " + table + " SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id',"
          + " timescaledb.compress_orderby = 'event_time DESC, event_id')");
    }
    return true;
  }

  private boolean createHourlyAggregate(Connection c) throws SQLException {
    boolean exists;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM timescaledb_information.continuous_aggregates"
            + " WHERE view_name = '" + HOURLY + "'")) {
      rs.next();
      exists = rs.getInt(1) > 0;
    }
    if (exists) {
      return false;
    }
    try (Statement st = c.createStatement()) {
      st.execute(CREATE_HOURLY);
    }
    // Refresh as far back as late reads are accepted, and never into days that retention drops
    // (a refresh over dropped raw data would empty those buckets).
    Duration start = oldestAccepted.plusHours(2);
    if (start.compareTo(retention.plateReads()) >= 0) {
      start = retention.plateReads().minusHours(1);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT add_continuous_aggregate_policy('" + HOURLY + "',"
        + " start_offset => make_interval(secs => ?), end_offset => INTERVAL '1 hour',"
        + " schedule_interval => INTERVAL '30 minutes', if_not_exists => true)")) {
      ps.setLong(1, start.toSeconds());
      ps.execute();
    }
    return true;
  }

  /** Background jobs of {@code proc} on {@code table}. */
  static int jobs(Connection c, String proc, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = ? AND hypertable_name = ?")) {
      ps.setString(1, proc);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static void execute(Connection c, String sql, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, table);
      ps.execute();
    }
  }
}
