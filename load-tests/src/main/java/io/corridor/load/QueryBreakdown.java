package io.corridor.load;

import io.corridor.api.queries.Cursor;
import io.corridor.api.queries.ReadQueries;
import io.corridor.load.QueryBench.Timing;
import io.corridor.node.CorridorNode;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * The parts of one plate-history query timed apart, to say where its time goes: the statement
 * alone (and under PostgreSQL's other plan modes), one audit append, the service without HTTP,
 * and the statement's plan.
 */
final class QueryBreakdown {

  private static final int SCOPE_PLATES = QueryBench.SCOPE_PLATES;

  private final CorridorNode node;
  private final QueryBenchOptions options;

  QueryBreakdown(CorridorNode node, QueryBenchOptions options) {
    this.node = node;
    this.options = options;
  }

  /** The plan printed by {@link #sqlOnly}. */
  String explained() {
    return explained.toString();
  }

  /**
   * The plate-history statement once for every plate of the warrant, before anything else is
   * timed: the first touch of each plate's index and heap pages, wherever they are (PostgreSQL's
   * buffers, the OS cache, the disk). Every later figure runs with those pages cached, as they
   * are for the plates of an open investigation.
   */
  Timing firstTouch(ReadQueries reads, int[] scope, Instant from, Instant to) throws Exception {
    LatencyRecorder latencies = new LatencyRecorder(SCOPE_PLATES);
    long items = 0;
    for (int i = 0; i < SCOPE_PLATES; i++) {
      byte[] hash = node.protector().hash(SyntheticReads.plate(scope[i]));
      long t0 = System.nanoTime();
      items += reads.plateHistory(hash, from, to, Cursor.start(from), 100).size();
      latencies.record(System.nanoTime() - t0);
    }
    return new Timing("plate-history SQL, first touch", latencies.summary(), items, 0, null);
  }

  /** The plate-history statement alone, without HTTP, warrant check, decryption or audit: the database's share. */
  Timing sqlOnly(String name, ReadQueries reads, int[] scope, Instant from, Instant to) throws Exception {
    for (int i = 0; i < 200; i++) {
      reads.plateHistory(node.protector().hash(SyntheticReads.plate(scope[i % SCOPE_PLATES])), from, to, Cursor.start(from), 100);
    }
    LatencyRecorder latencies = new LatencyRecorder(options.queries());
    long items = 0;
    for (int i = 0; i < options.queries(); i++) {
      byte[] hash = node.protector().hash(SyntheticReads.plate(scope[i % SCOPE_PLATES]));
      long t0 = System.nanoTime();
      items += reads.plateHistory(hash, from, to, Cursor.start(from), 100).size();
      latencies.record(System.nanoTime() - t0);
    }
    explain(scope, from, to);
    return new Timing(name, latencies.summary(), items, 0, null);
  }

  /** The plate-history service in process: warrant check, SQL, decryption, audit; no HTTP. */
  Timing serviceAlone(DataSource db, String warrant, IntFunction<JsonObject> bodies) throws Exception {
    io.corridor.storage.AuditLog audit = new io.corridor.storage.AuditLog(db, java.time.Clock.systemUTC());
    var warrants = new io.corridor.api.warrants.WarrantService(new io.corridor.api.warrants.WarrantRepository(db, audit),
        node.protector(), Duration.ofDays(14), java.time.Clock.systemUTC());
    var service = new io.corridor.api.queries.QueryService(warrants, new ReadQueries(db), node.protector(), audit, 500,
        java.time.Clock.systemUTC());
    LatencyRecorder latencies = new LatencyRecorder(options.queries());
    long items = 0;
    for (int i = -50; i < options.queries(); i++) {
      JsonObject body = bodies.apply(Math.abs(i));
      long t0 = System.nanoTime();
      JsonObject answer = service.plateHistory("bench-analyst", body);
      String encoded = answer.encode();
      if (i >= 0) {
        latencies.record(System.nanoTime() - t0);
        items += answer.getJsonArray("items").size() + (encoded.isEmpty() ? 1 : 0);
      }
    }
    return new Timing("plate-history service alone (no HTTP)", latencies.summary(), items, 0, null);
  }

  /** One audit row like a plate-history answer's (100 record ids), appended and committed alone. */
  Timing auditAppend(DataSource db) throws Exception {
    io.corridor.storage.AuditLog audit = new io.corridor.storage.AuditLog(db, java.time.Clock.systemUTC());
    java.util.List<String> ids = java.util.stream.IntStream.range(0, 100).mapToObj(i -> UUID.randomUUID().toString()).toList();
    LatencyRecorder latencies = new LatencyRecorder(options.queries());
    for (int i = 0; i < options.queries(); i++) {
      long t0 = System.nanoTime();
      audit.append(new io.corridor.storage.AuditLog.Entry("bench-analyst", "analyst", "bench.audit", "warrant bench", 100,
          "bench", "bench", "benchmark", "{\"plateHash\":\"00\"}", ids));
      latencies.record(System.nanoTime() - t0);
    }
    return new Timing("audit row alone (append + commit)", latencies.summary(), 0, 0, null);
  }

  /**
   * The plate-history statement under another {@code plan_cache_mode}, to compare with the generic
   * plans ReadQueries forces (same statement, same plates).
   */
  Timing planModes(DataSource db, int[] scope, Instant from, Instant to, String mode) throws Exception {
    String sql = "SELECT r.event_id, r.device_id, r.event_time, r.plate_ct FROM plate_reads r WHERE r.plate_hash = ?"
        + " AND r.event_time >= ? AND r.event_time < ? AND (r.event_time, r.event_id) > (?, ?)"
        + " ORDER BY r.event_time, r.event_id LIMIT 100";
    LatencyRecorder latencies = new LatencyRecorder(options.queries());
    long items = 0;
    for (int i = -50; i < options.queries(); i++) {
      byte[] hash = node.protector().hash(SyntheticReads.plate(scope[Math.abs(i) % SCOPE_PLATES]));
      long t0 = System.nanoTime();
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.execute("SET LOCAL plan_cache_mode = " + mode);
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setBytes(1, hash);
          ps.setTimestamp(2, java.sql.Timestamp.from(from));
          ps.setTimestamp(3, java.sql.Timestamp.from(to));
          ps.setTimestamp(4, java.sql.Timestamp.from(from.minusSeconds(1)));
          ps.setObject(5, new UUID(-1, -1));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              items += i >= 0 ? 1 : 0;
            }
          }
        }
        c.commit();
      }
      if (i >= 0) {
        latencies.record(System.nanoTime() - t0);
      }
    }
    return new Timing("  same, plan_cache_mode=" + mode, latencies.summary(), items, 0, null);
  }

  /**
   * Prints where PostgreSQL spends one plate-history statement, as ReadQueries runs it: a prepared
   * statement with a generic plan (third execution, so the plan is cached).
   */
  private void explain(int[] scope, Instant from, Instant to) throws SQLException {
    String hash = java.util.HexFormat.of().formatHex(node.protector().hash(SyntheticReads.plate(scope[0])));
    try (Connection c = node.database().dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("SET plan_cache_mode = force_generic_plan");
      st.execute("PREPARE bench_history (bytea, timestamptz, timestamptz, timestamptz, uuid, int) AS"
          + " SELECT r.event_id, r.device_id, r.event_time, r.plate_ct, r.country, r.confidence, r.lat, r.lon, r.lane,"
          + " r.speed_kmh FROM plate_reads r WHERE r.plate_hash = $1 AND r.event_time >= $2 AND r.event_time < $3"
          + " AND (r.event_time, r.event_id) > ($4, $5) ORDER BY r.event_time, r.event_id LIMIT $6");
      String execute = "EXPLAIN (ANALYZE, BUFFERS, SUMMARY) EXECUTE bench_history ('\\x" + hash + "', '" + from + "', '"
          + to + "', '" + from.minusSeconds(1) + "', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 100)";
      for (int i = 0; i < 3; i++) {
        try (ResultSet rs = st.executeQuery(execute)) {
          int line = 0;
          while (rs.next()) {
            String text = rs.getString(1);
            if (i == 2 && (line++ < 6 || text.contains("Time:"))) {
              explained.append("  ").append(text).append('\n');
            }
          }
        }
      }
      st.execute("DEALLOCATE bench_history");
      st.execute("RESET plan_cache_mode");
    }
  }

  private final StringBuilder explained = new StringBuilder();
}
