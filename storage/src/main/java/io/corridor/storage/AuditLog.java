package io.corridor.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The append-only, hash-chained audit trail. Appends are serialised with a transaction-scoped
 * advisory lock so the chain has no forks; each row's hash is SHA-256 over the previous hash and
 * the row's fields. Blocking.
 */
public final class AuditLog {

  /** One access to record. */
  public record Entry(String actor, String role, String action, String target, int records, String detail) {}

  private static final long APPEND_LOCK = 0x636f72726964L; // "corrid"
  private static final byte[] GENESIS = new byte[32];

  private final DataSource dataSource;
  private final Clock clock;

  /** Appends through {@code dataSource}, stamping entries with {@code clock}. */
  public AuditLog(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Appends {@code entry} and returns its sequence number. */
  public long append(Entry entry) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, APPEND_LOCK);
          lock.execute();
        }
        long seq = 1;
        byte[] prev = GENESIS;
        try (PreparedStatement last = c.prepareStatement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
            ResultSet rs = last.executeQuery()) {
          if (rs.next()) {
            seq = rs.getLong(1) + 1;
            prev = rs.getBytes(2);
          }
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
        byte[] hash = hash(prev, seq, at, entry);
        try (PreparedStatement ins = c.prepareStatement("""
            INSERT INTO audit_log (seq, at, actor, role, action, target, records, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
          ins.setLong(1, seq);
          ins.setTimestamp(2, Timestamp.from(at));
          ins.setString(3, entry.actor());
          ins.setString(4, entry.role());
          ins.setString(5, entry.action());
          ins.setString(6, entry.target());
          ins.setInt(7, entry.records());
          ins.setString(8, entry.detail());
          ins.setBytes(9, prev);
          ins.setBytes(10, hash);
          ins.executeUpdate();
        }
        c.commit();
        return seq;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Recomputes the whole chain.
   *
   * @return the first sequence number whose hash does not match, or empty when the chain is intact
   */
  public Optional<Long> verify() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT seq, at, actor, role, action, target, records, detail, prev_hash, hash FROM audit_log ORDER BY seq")) {
      c.setAutoCommit(false);
      ps.setFetchSize(1000);
      byte[] prev = GENESIS;
      long expectedSeq = 1;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          Entry e = new Entry(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
              rs.getString(8));
          byte[] expected = hash(prev, seq, rs.getTimestamp(2).toInstant(), e);
          if (seq != expectedSeq || !MessageDigest.isEqual(prev, rs.getBytes(9))
              || !MessageDigest.isEqual(expected, rs.getBytes(10))) {
            return Optional.of(seq);
          }
          prev = expected;
          expectedSeq++;
        }
      } finally {
        c.rollback();
      }
    }
    return Optional.empty();
  }

  static byte[] hash(byte[] prev, long seq, Instant at, Entry e) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prev);
      sha.update(ByteBuffer.allocate(16).putLong(seq).putLong(at.getEpochSecond() * 1_000_000 + at.getNano() / 1000).array());
      for (String field : new String[] {e.actor(), e.role(), e.action(), e.target(), Integer.toString(e.records()), e.detail()}) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 unavailable", ex);
    }
  }
}
