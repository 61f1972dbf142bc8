package io.corridor.api.audit;

import io.corridor.storage.AuditLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;

/** Reads the audit trail for auditors, filtered and paged by sequence number. Blocking. */
public final class AuditQueries {

  /** What to read: rows in [from, to), optionally one actor's or one warrant's, after {@code afterSeq}. */
  public record Filter(Instant from, Instant to, String actor, String warrant, long afterSeq, int limit) {}

  private final DataSource dataSource;

  /** Reads through {@code dataSource}. */
  public AuditQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The matching rows, oldest first, as JSON. */
  public List<JsonObject> find(Filter f) throws SQLException {
    List<JsonObject> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + AuditLog.COLUMNS + """
             FROM audit_log
            WHERE seq > ? AND at >= ? AND at < ? AND (?::text IS NULL OR actor = ?) AND (?::text IS NULL OR warrant_id = ?)
            ORDER BY seq LIMIT ?""")) {
      ps.setLong(1, f.afterSeq());
      ps.setTimestamp(2, Timestamp.from(f.from()));
      ps.setTimestamp(3, Timestamp.from(f.to()));
      ps.setString(4, f.actor());
      ps.setString(5, f.actor());
      ps.setString(6, f.warrant());
      ps.setString(7, f.warrant());
      ps.setInt(8, f.limit());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          AuditLog.Entry e = AuditLog.entry(rs);
          rows.add(new JsonObject().put("seq", rs.getLong(1)).put("at", rs.getTimestamp(2).toInstant().toString())
              .put("actor", e.actor()).put("role", e.role()).put("action", e.action()).put("target", e.target())
              .put("records", e.records()).put("detail", e.detail()).put("warrantId", e.warrantId())
              .put("justification", e.justification())
              .put("params", e.params() == null ? null : new JsonObject(e.params()))
              .put("recordIds", e.recordIds() == null ? null : new JsonArray(e.recordIds()))
              .put("hash", HexFormat.of().formatHex(rs.getBytes(10))));
        }
      }
    }
    return rows;
  }
}
