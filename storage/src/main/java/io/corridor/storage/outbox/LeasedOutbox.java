package io.corridor.storage.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One durable outbox table keyed by {@code (event_id, event_time)} with a lease
 * ({@code lease_owner, lease_until, attempts}): the rows a committed event leaves for a consumer
 * that must see it even when the node that stored it dies. {@link #claim} leases a batch no live
 * node holds ({@code FOR UPDATE SKIP LOCKED}, so concurrent nodes never take the same row; an
 * expired lease means its node died or gave up, and the rows are taken again, {@code attempts}
 * telling so) and joins each to the event it stands for; {@link #delete} removes finished rows in
 * the caller's transaction. Used by the rules outbox (plate reads) and the cargo outbox
 * (positions). Blocking.
 */
public final class LeasedOutbox {

  /** Maps one joined row (columns as the caller selected them) to the caller's type. */
  @FunctionalInterface
  public interface RowMapper<R> {
    /** Maps the current row. */
    R map(ResultSet rs) throws SQLException;
  }

  /**
   * A claimed row.
   *
   * @param row what the caller's mapper made of it
   * @param attempts how often it has been claimed, this time included (above 1: taken again after a lease ran out)
   */
  public record Claim<R>(R row, int attempts) {}

  private final String table;
  private final String claimSql;

  /**
   * @param table the outbox table
   * @param pending extra condition on rows that may be claimed ({@code "true"} for every row)
   * @param select the columns the mapper reads, over {@code claimed c} and the joined tables
   * @param join the join of {@code claimed c} to the event table(s)
   */
  public LeasedOutbox(String table, String pending, String select, String join) {
    this.table = table;
    this.claimSql = """
        WITH picked AS (
          SELECT event_id, event_time FROM %1$s
           WHERE %2$s AND (lease_until IS NULL OR lease_until < ?)
           ORDER BY event_time LIMIT ? FOR UPDATE SKIP LOCKED),
        claimed AS (
          UPDATE %1$s o SET lease_owner = ?, lease_until = ?, attempts = o.attempts + 1
            FROM picked WHERE o.event_id = picked.event_id AND o.event_time = picked.event_time
          RETURNING o.event_id, o.event_time, o.attempts)
        SELECT %3$s, c.attempts AS outbox_attempts FROM claimed c %4$s
         ORDER BY c.event_time""".formatted(table, pending, select, join);
  }

  /** The table's name. */
  public String table() {
    return table;
  }

  /** Leases up to {@code limit} rows to {@code owner} until {@code now + lease}, oldest events first. */
  public <R> List<Claim<R>> claim(Connection c, String owner, int limit, Duration lease, Instant now, RowMapper<R> mapper)
      throws SQLException {
    List<Claim<R>> claimed = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(claimSql)) {
      bindClaim(ps, now, limit, owner, lease);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(new Claim<>(mapper.map(rs), rs.getInt("outbox_attempts")));
        }
      }
    }
    return claimed;
  }

  /** A row's key. */
  public record Key(UUID eventId, Instant eventTime) {}

  /**
   * Binds a claim statement's four parameters, in the order every leased outbox's claim takes
   * them: leases run out before {@code now}, at most {@code limit}, the new owner, the new lease's end.
   */
  public static void bindClaim(PreparedStatement ps, Instant now, int limit, String owner, Duration lease)
      throws SQLException {
    ps.setTimestamp(1, Timestamp.from(now));
    ps.setInt(2, limit);
    ps.setString(3, owner);
    ps.setTimestamp(4, Timestamp.from(now.plus(lease)));
  }

  /** Deletes the rows of {@code keys} in {@code c}'s transaction, in one statement. */
  public void delete(Connection c, List<Key> keys) throws SQLException {
    deleteKeys(c, table, keys);
  }

  /**
   * Deletes from {@code table} (keyed by {@code event_id, event_time}) the rows of {@code keys} in
   * {@code c}'s transaction: one statement for the whole list, its keys as two arrays.
   */
  public static void deleteKeys(Connection c, String table, List<Key> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    String[] ids = new String[keys.size()];
    String[] times = new String[keys.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = keys.get(i).eventId().toString();
      // as stored: whole microseconds (a binary COPY truncates, text input would round), ISO-8601 in
      // UTC so no session time zone is involved
      times[i] = keys.get(i).eventTime().truncatedTo(ChronoUnit.MICROS).toString();
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
        + " o USING unnest(?::uuid[], ?::timestamptz[]) AS k(event_id, event_time)"
        + " WHERE o.event_id = k.event_id AND o.event_time = k.event_time")) {
      ps.setArray(1, c.createArrayOf("text", ids));
      ps.setArray(2, c.createArrayOf("text", times));
      ps.executeUpdate();
    }
  }

  /**
   * Ends now every lease {@code owner} holds in {@code table} (any table with {@code lease_owner} and
   * {@code lease_until}), in {@code c}'s transaction: for a cluster member that left, whose rows are
   * then claimed at the next poll instead of when their leases run out. Taking rows from an owner
   * that is in fact alive (a member cut off, not dead) is safe for the same reason an expired lease
   * is: every consumer of these outboxes is idempotent.
   *
   * @return how many leases ended
   */
  public static int endLeasesOf(Connection c, String table, String owner, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE " + table + " SET lease_until = ? WHERE lease_owner = ? AND lease_until > ?")) {
      Timestamp at = Timestamp.from(now);
      ps.setTimestamp(1, at);
      ps.setString(2, owner);
      ps.setTimestamp(3, at);
      return ps.executeUpdate();
    }
  }

  /** Rows in the table now (the outbox's depth). */
  public long depth(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
