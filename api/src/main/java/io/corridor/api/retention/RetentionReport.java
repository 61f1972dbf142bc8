package io.corridor.api.retention;

import io.corridor.storage.DailyPartition;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.RetentionPolicy;
import io.corridor.storage.RetentionRuns;
import io.corridor.storage.TimeSeriesSchema;
import io.corridor.storage.TimeSeriesTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the database holds against the retention limits, per data class: the limit, the oldest row
 * present, the partitions, and whether anything outlives its limit. Expiry drops a daily partition
 * once its whole day is past the limit, at the next run of the job, so a row may lawfully live up
 * to limit + 1 day + the job interval; only beyond that does it "outlive" its limit. Evidence
 * frames outlive theirs once {@code keep_until} is more than one job interval past. Held reads
 * are exempt until their case is released. Blocking.
 */
public final class RetentionReport {

  /**
   * One data class.
   *
   * @param limit the configured limit; null when the class has none (held reads, the audit log)
   * @param oldest the oldest row's time, null when empty
   * @param partitions daily partitions present (time-series classes only)
   * @param outlivesLimit whether a row is older than the limit allows
   */
  public record DataClass(String name, Duration limit, Instant oldest, long rows, List<String> partitions,
      boolean outlivesLimit, String note) {}

  /** The whole report. */
  public record Report(Instant at, List<DataClass> classes, Optional<RetentionRuns.Run> lastRun) {}

  private final DataSource dataSource;
  private final RetentionPolicy policy;
  private final Duration evidenceLimit;
  private final Duration jobInterval;
  private final Clock clock;
  private List<io.corridor.storage.ExpiringData> expiring = List.of();

  /** Also reports the modules' own data classes (see {@link io.corridor.storage.ExpiringData}). */
  public RetentionReport expiring(List<io.corridor.storage.ExpiringData> data) {
    this.expiring = List.copyOf(data);
    return this;
  }

  /** Reports on {@code dataSource} against the configured limits. */
  public RetentionReport(DataSource dataSource, RetentionPolicy policy, Duration evidenceLimit, Duration jobInterval,
      Clock clock) {
    this.dataSource = dataSource;
    this.policy = policy;
    this.evidenceLimit = evidenceLimit;
    this.jobInterval = jobInterval;
    this.clock = clock;
  }

  /** Reads the figures now. */
  public Report build() throws SQLException {
    Instant now = clock.instant();
    List<DataClass> classes = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      boolean timescale = TimeSeriesSchema.usesTimescale(c);
      for (TimeSeriesTable table : TimeSeriesTable.values()) {
        classes.add(timeSeries(c, table, now, timescale));
      }
      Instant evidenceOldest = instant(c, "SELECT min(marked_at) FROM evidence_frames");
      boolean evidenceOverdue = count(c, "SELECT count(*) FROM evidence_frames WHERE keep_until < ?", now.minus(jobInterval)) > 0;
      classes.add(new DataClass("evidence_frames", evidenceLimit, evidenceOldest,
          count(c, "SELECT count(*) FROM evidence_frames", null), List.of(), evidenceOverdue,
          "kept from marking until keep_until, then deleted row by row"));
      classes.add(new DataClass("held_reads", null, instant(c, "SELECT min(event_time) FROM held_reads"),
          count(c, "SELECT count(*) FROM held_reads", null), List.of(), false,
          "legal hold: exempt from expiry until the case is released; open cases: "
              + count(c, "SELECT count(*) FROM legal_holds WHERE released_at IS NULL", null)));
      for (io.corridor.storage.ExpiringData data : expiring) {
        io.corridor.storage.ExpiringData.Figures f = data.figures(c);
        boolean outlives = f.oldest() != null && f.oldest().isBefore(now.minus(data.limit()).minus(jobInterval));
        classes.add(new DataClass(data.name(), data.limit(), f.oldest(), f.rows(), List.of(), outlives, data.note()));
      }
      classes.add(new DataClass("audit_log", null, instant(c, "SELECT min(at) FROM audit_log"),
          count(c, "SELECT count(*) FROM audit_log", null), List.of(), false,
          "append-only; kept to verify lawfulness (EU 2016/680 Art. 25)"));
      return new Report(now, List.copyOf(classes), RetentionRuns.last(c));
    }
  }

  private DataClass timeSeries(Connection c, TimeSeriesTable table, Instant now, boolean timescale) throws SQLException {
    Duration limit = policy.of(table);
    Instant oldest;
    List<String> names = new ArrayList<>();
    if (timescale) {
      oldest = instant(c, "SELECT min(event_time) FROM " + table.tableName());
    } else {
      List<DailyPartition> partitions = new ArrayList<>(PartitionMaintenance.existing(c, table));
      partitions.sort(Comparator.comparing(DailyPartition::day));
      partitions.forEach(p -> names.add(p.name()));
      oldest = null;
      for (DailyPartition p : partitions) { // the oldest non-empty day holds the oldest row
        oldest = instant(c, "SELECT min(event_time) FROM " + p.name());
        if (oldest != null) {
          break;
        }
      }
    }
    Instant lawfulUntil = now.minus(limit).minus(Duration.ofDays(1)).minus(jobInterval);
    boolean outlives = oldest != null && oldest.isBefore(lawfulUntil);
    return new DataClass(table.tableName(), limit, oldest, -1, List.copyOf(names), outlives,
        "daily partitions dropped whole once their day is past the limit; lawful up to limit + 1 day + "
            + jobInterval.toMinutes() + " min");
  }

  /** The report as JSON. */
  public static JsonObject toJson(Report report) {
    JsonArray classes = new JsonArray();
    for (DataClass d : report.classes()) {
      JsonObject item = new JsonObject().put("class", d.name())
          .put("limit", d.limit() == null ? null : d.limit().toString())
          .put("limitSeconds", d.limit() == null ? null : d.limit().toSeconds())
          .put("oldest", d.oldest() == null ? null : d.oldest().toString())
          .put("outlivesLimit", d.outlivesLimit()).put("note", d.note());
      if (d.rows() >= 0) {
        item.put("rows", d.rows());
      } else {
        item.put("partitions", new JsonArray(d.partitions()));
      }
      classes.add(item);
    }
    JsonObject last = report.lastRun().map(r -> new JsonObject().put("at", r.at().toString())
        .put("created", new JsonArray(r.created())).put("dropped", new JsonArray(r.dropped()))
        .put("evidenceDeleted", r.evidenceDeleted()).put("timescale", r.timescale())).orElse(null);
    return new JsonObject().put("at", report.at().toString()).put("classes", classes).put("lastExpiryRun", last);
  }

  private static Instant instant(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      Timestamp t = rs.getTimestamp(1);
      return t == null ? null : t.toInstant();
    }
  }

  private static long count(Connection c, String sql, Instant param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setTimestamp(1, Timestamp.from(param));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
