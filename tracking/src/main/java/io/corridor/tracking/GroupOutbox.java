package io.corridor.tracking;

import io.corridor.storage.outbox.LeasedOutbox;
import io.corridor.tracking.positions.OutboxGroup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of {@code cargo_outbox_groups} (one row per committed group of positions, see
 * {@link OutboxGroup}): {@link #claim} leases groups no live node holds ({@code FOR UPDATE SKIP
 * LOCKED}, so two nodes never take the same group; an expired lease means its node died or gave up)
 * and joins each of its positions to the {@code positions} row; {@link #delete} removes finished
 * groups in one statement. Blocking.
 */
final class GroupOutbox {

  /** Maps one joined row: the group's columns first, then the caller's position columns. */
  @FunctionalInterface
  interface PositionMapper<R> {
    /** Maps the current row, whose position columns start at {@code first}. */
    R map(ResultSet rs, int first) throws SQLException;
  }

  /**
   * One position of a claimed group.
   *
   * @param group the group's name
   * @param attempts how often the group has been claimed, this time included
   * @param position what the mapper made of the position
   */
  record Claim<R>(LeasedOutbox.Key group, int attempts, R position) {}

  private static final String DEPTH = "SELECT coalesce(sum(cardinality(event_ids)), 0) FROM " + OutboxGroup.TABLE;

  private final String claimSql;

  /**
   * @param select the position columns the mapper reads, over {@code k} (the key: event_id,
   *     event_time) and {@code p} (the {@code positions} row, all null when the position is gone)
   */
  GroupOutbox(String select) {
    this.claimSql = """
        WITH picked AS (
          SELECT event_id, event_time FROM %1$s WHERE lease_until < ?
           ORDER BY event_time LIMIT ? FOR UPDATE SKIP LOCKED),
        claimed AS (
          UPDATE %1$s o SET lease_owner = ?, lease_until = ?, attempts = o.attempts + 1
            FROM picked WHERE o.event_id = picked.event_id AND o.event_time = picked.event_time
          RETURNING o.event_id, o.event_time, o.attempts, o.event_ids, o.event_times)
        SELECT c.event_id, c.event_time, c.attempts, %2$s
          FROM claimed c CROSS JOIN LATERAL unnest(c.event_ids, c.event_times) AS k(event_id, event_time)
          LEFT JOIN positions p ON p.event_id = k.event_id AND p.event_time = k.event_time
         ORDER BY k.event_time""".formatted(OutboxGroup.TABLE, select);
  }

  /**
   * Leases up to {@code groups} groups no live node holds, those with the earliest positions first,
   * and returns their positions in event-time order (none: nothing to claim).
   */
  <R> List<Claim<R>> claim(Connection c, String owner, int groups, Duration lease, Instant now,
      PositionMapper<R> mapper) throws SQLException {
    List<Claim<R>> claimed = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(claimSql)) {
      LeasedOutbox.bindClaim(ps, now, groups, owner, lease);
      try (ResultSet rs = ps.executeQuery()) {
        Map<LeasedOutbox.Key, LeasedOutbox.Key> names = new HashMap<>(); // one instance per group
        while (rs.next()) {
          LeasedOutbox.Key group = names.computeIfAbsent(
              new LeasedOutbox.Key(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()), k -> k);
          claimed.add(new Claim<>(group, rs.getInt(3), mapper.map(rs, 4)));
        }
      }
    }
    return claimed;
  }

  /** Deletes the groups named {@code keys}, in one statement. */
  void delete(Connection c, List<LeasedOutbox.Key> keys) throws SQLException {
    LeasedOutbox.deleteKeys(c, OutboxGroup.TABLE, keys);
  }

  /** Positions listed in the table now. */
  long depth(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DEPTH); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
