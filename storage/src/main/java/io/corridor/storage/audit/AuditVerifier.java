package io.corridor.storage.audit;

import io.corridor.storage.AuditLog;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Recomputes the audit chain and holds it against the anchors. Three kinds of tampering are told
 * apart: a row changed in place (its recomputed hash differs: the first such row is named), rows
 * removed from the end (an anchor names a sequence number the log no longer has), and a chain
 * rewritten consistently from some row on (internally valid, but a stored hash differs from what
 * an anchor signed). Blocking.
 */
public final class AuditVerifier {

  /**
   * The outcome.
   *
   * @param rows rows read
   * @param lastSeq the log's last sequence number (0 when empty)
   * @param firstBroken the first row whose hash or link does not recompute
   * @param anchorsChecked anchors with a valid signature held against the log
   * @param problems every finding, for people; empty means intact
   */
  public record Report(long rows, long lastSeq, Optional<Long> firstBroken, int anchorsChecked, List<String> problems) {

    /** Whether nothing was found. */
    public boolean intact() {
      return problems.isEmpty();
    }
  }

  private final DataSource dataSource;

  /** Reads the log through {@code dataSource}. */
  public AuditVerifier(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Recomputes the chain and checks every anchor signed by {@code key}. */
  public Report verify(List<AuditAnchor> anchors, PublicKey key) throws SQLException {
    List<String> problems = new ArrayList<>();
    Map<Long, AuditAnchor> bySeq = new HashMap<>();
    int valid = 0;
    for (AuditAnchor anchor : anchors) {
      if (key == null || !anchor.verify(key)) {
        problems.add("anchor for row " + anchor.seq() + " signed at " + anchor.at()
            + (key == null ? " cannot be checked: no public key configured" : " has an invalid signature"));
      } else {
        bySeq.put(anchor.seq(), anchor);
        valid++;
      }
    }
    Map<Long, byte[]> stored = new HashMap<>();
    long rows = 0;
    long lastSeq = 0;
    Long firstBroken = null;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + AuditLog.COLUMNS + " FROM audit_log ORDER BY seq")) {
      c.setAutoCommit(false);
      ps.setFetchSize(1000);
      byte[] prev = new byte[32];
      long expectedSeq = 1;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          long seq = rs.getLong(1);
          lastSeq = seq;
          byte[] hash = rs.getBytes(10);
          if (bySeq.containsKey(seq)) {
            stored.put(seq, hash);
          }
          if (firstBroken != null) {
            continue;
          }
          byte[] expected = AuditLog.hash(prev, seq, rs.getTimestamp(2).toInstant(), AuditLog.entry(rs));
          if (seq != expectedSeq) {
            firstBroken = expectedSeq;
            problems.add("row " + expectedSeq + " is missing (the next row is " + seq + ")");
          } else if (!MessageDigest.isEqual(prev, rs.getBytes(9)) || !MessageDigest.isEqual(expected, hash)) {
            firstBroken = seq;
            problems.add("row " + seq + " does not match its hash: it or its link to row " + (seq - 1) + " was altered");
          }
          prev = expected;
          expectedSeq++;
        }
      } finally {
        c.rollback();
      }
    }
    for (AuditAnchor anchor : bySeq.values().stream().sorted((a, b) -> Long.compare(a.seq(), b.seq())).toList()) {
      byte[] hash = stored.get(anchor.seq());
      if (anchor.seq() > lastSeq) {
        problems.add("log truncated: an anchor signed at " + anchor.at() + " names row " + anchor.seq()
            + " but the log ends at row " + lastSeq);
      } else if (hash == null) {
        problems.add("row " + anchor.seq() + " named by the anchor signed at " + anchor.at() + " is missing");
      } else if (!MessageDigest.isEqual(hash, anchor.hash())) {
        problems.add("chain rewritten: row " + anchor.seq() + " has hash " + HexFormat.of().formatHex(hash)
            + " but the anchor signed at " + anchor.at() + " says " + anchor.hashHex());
      }
    }
    return new Report(rows, lastSeq, Optional.ofNullable(firstBroken), valid, problems);
  }
}
