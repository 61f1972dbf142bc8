package io.corridor.api.cases;

import io.corridor.api.Refused;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cases} table (V64), always in the caller's transaction: a case opens with its first
 * warrant; a warrant request, a hold and a close lock its row, so nothing is added to a case
 * while it is being closed. Blocking.
 */
public final class CaseRows {

  /** A case as stored. */
  public record Case(String caseId, String state, Instant openedAt, String openedBy, Instant closedAt, String closedBy,
      String outcome, String note) {

    /** Whether it is closed. */
    public boolean closed() {
      return "closed".equals(state);
    }
  }

  private CaseRows() {}

  /** Opens case {@code caseId} if it is new; {@link Refused} 409 {@code case_closed} when it is closed. */
  public static void openOrRefuse(Connection c, String caseId, String by, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO cases (case_id, opened_at, opened_by) VALUES (?, ?, ?) ON CONFLICT (case_id) DO NOTHING")) {
      ps.setString(1, caseId);
      ps.setTimestamp(2, Timestamp.from(at));
      ps.setString(3, by);
      ps.executeUpdate();
    }
    requireOpen(c, caseId);
  }

  /**
   * Locks case {@code caseId} against a concurrent close (shared lock) and checks it is open:
   * {@link Refused} 409 {@code case_closed} when it is closed (a case with no row is open: it
   * predates the table and has no warrant).
   */
  public static void requireOpen(Connection c, String caseId) throws SQLException {
    Optional<Case> found = find(c, caseId, " FOR SHARE");
    if (found.isPresent() && found.get().closed()) {
      throw closed(found.get());
    }
  }

  /** The case {@code caseId}, locked for update when {@code lock} says so (e.g. {@code " FOR UPDATE"}). */
  public static Optional<Case> find(Connection c, String caseId, String lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT case_id, state, opened_at, opened_by, closed_at, closed_by, outcome, note FROM cases WHERE case_id = ?"""
        + lock)) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Timestamp closedAt = rs.getTimestamp(5);
        return Optional.of(new Case(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
            closedAt == null ? null : closedAt.toInstant(), rs.getString(6), rs.getString(7), rs.getString(8)));
      }
    }
  }

  /** Marks the (locked, open) case closed. */
  static void close(Connection c, String caseId, String by, Instant at, String outcome, String note) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        UPDATE cases SET state = 'closed', closed_at = ?, closed_by = ?, outcome = ?, note = ? WHERE case_id = ?""")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, by);
      ps.setString(3, outcome);
      ps.setString(4, note);
      ps.setString(5, caseId);
      ps.executeUpdate();
    }
  }

  /** The ids of the case's warrants. */
  static List<String> warrants(Connection c, String caseId) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT warrant_id FROM warrants WHERE case_id = ? ORDER BY requested_at")) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  static Refused closed(Case k) {
    return new Refused(409, "case_closed", "case " + k.caseId() + " was closed at " + k.closedAt() + " by " + k.closedBy()
        + " (" + k.outcome() + ")");
  }
}
