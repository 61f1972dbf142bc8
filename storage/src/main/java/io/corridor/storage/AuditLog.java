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
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The append-only, hash-chained audit trail. Appends are serialised with a transaction-scoped
 * advisory lock so the chain has no forks; each row's hash is SHA-256 over the previous hash and
 * the row's fields. Blocking.
 */
public final class AuditLog {

  /**
   * One access or change to record.
   *
   * @param actor who (the token's subject)
   * @param role in which role
   * @param action what, e.g. {@code query.plate-history}
   * @param target what it concerned, e.g. {@code warrant 6f1c…}
   * @param records how many personal records were returned or changed
   * @param detail free text for people
   * @param warrantId the warrant it was made under, or null
   * @param justification the user's justification, or null
   * @param params the query parameters as JSON (plates only as blind index), or null
   * @param recordIds the ids of the records returned, or null
   */
  public record Entry(String actor, String role, String action, String target, int records, String detail,
      String warrantId, String justification, String params, List<String> recordIds) {

    /** An entry without warrant, justification, parameters or record ids. */
    public Entry(String actor, String role, String action, String target, int records, String detail) {
      this(actor, role, action, target, records, detail, null, null, null, null);
    }

    /** Whether any of the fields added by migration V61 is set (they are hashed only then). */
    boolean extended() {
      return warrantId != null || justification != null || params != null || recordIds != null;
    }
  }

  /** The newest row's sequence number and hash; sequence 0 and 32 zero bytes for an empty log. */
  public record Head(long seq, byte[] hash) {}

  private static final long APPEND_LOCK = 0x636f72726964L; // "corrid"
  private static final byte[] GENESIS = new byte[32];

  private final DataSource dataSource;
  private final Clock clock;

  /** Appends through {@code dataSource}, stamping entries with {@code clock}. */
  public AuditLog(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Appends {@code entry} in a transaction of its own and returns its sequence number. */
  public long append(Entry entry) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long seq = append(c, entry);
        c.commit();
        return seq;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Appends {@code entry} inside the caller's open transaction on {@code c}, so a change and its
   * audit row commit together or not at all. The chain stays serialised until that transaction ends.
   */
  public long append(Connection c, Entry entry) throws SQLException {
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
        INSERT INTO audit_log (seq, at, actor, role, action, target, records, detail, prev_hash, hash,
                               warrant_id, justification, params, record_ids)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
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
      ins.setString(11, entry.warrantId());
      ins.setString(12, entry.justification());
      ins.setString(13, entry.params());
      ins.setArray(14, entry.recordIds() == null ? null : c.createArrayOf("text", entry.recordIds().toArray()));
      ins.executeUpdate();
    }
    return seq;
  }

  /**
   * Recomputes the whole chain.
   *
   * @return the first sequence number whose hash does not match, or empty when the chain is intact
   */
  public Optional<Long> verify() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT " + COLUMNS + " FROM audit_log ORDER BY seq")) {
      c.setAutoCommit(false);
      ps.setFetchSize(1000);
      byte[] prev = GENESIS;
      long expectedSeq = 1;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          Entry e = entry(rs);
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

  /** The newest row, read without locking. */
  public Head head() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new Head(rs.getLong(1), rs.getBytes(2)) : new Head(0, GENESIS.clone());
    }
  }

  /**
   * The columns {@link #entry} reads, in order: seq, at, the entry's fields, prev_hash, hash, then the
   * V61 fields.
   */
  public static final String COLUMNS =
      "seq, at, actor, role, action, target, records, detail, prev_hash, hash, warrant_id, justification, params, record_ids";

  /** The entry of the current row of a result selecting {@link #COLUMNS}. */
  public static Entry entry(ResultSet rs) throws SQLException {
    java.sql.Array ids = rs.getArray(14);
    return new Entry(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
        rs.getString(8), rs.getString(11), rs.getString(12), rs.getString(13),
        ids == null ? null : List.of((String[]) ids.getArray()));
  }

  /** The hash of a row: SHA-256 over the previous hash, sequence, time and fields. */
  public static byte[] hash(byte[] prev, long seq, Instant at, Entry e) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prev);
      sha.update(ByteBuffer.allocate(16).putLong(seq).putLong(at.getEpochSecond() * 1_000_000 + at.getNano() / 1000).array());
      for (String field : new String[] {e.actor(), e.role(), e.action(), e.target(), Integer.toString(e.records()), e.detail()}) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
      }
      if (e.extended()) {
        // Rows written before V61 have none of these and keep their original hash.
        update(sha, e.warrantId());
        update(sha, e.justification());
        update(sha, e.params());
        sha.update(ByteBuffer.allocate(4).putInt(e.recordIds() == null ? -1 : e.recordIds().size()).array());
        if (e.recordIds() != null) {
          e.recordIds().forEach(id -> update(sha, id));
        }
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 unavailable", ex);
    }
  }

  private static void update(MessageDigest sha, String field) {
    if (field == null) {
      sha.update(ByteBuffer.allocate(4).putInt(-1).array());
      return;
    }
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    sha.update(bytes);
  }
}
