package io.corridor.api.warrants;

import io.corridor.api.cases.CaseRows;
import io.corridor.storage.AuditLog;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Warrants in PostgreSQL (V60). Every change commits together with its transition row and its
 * audit row, or not at all; a concurrent change is detected by the version column. Blocking.
 */
public final class WarrantRepository {

  private static final String SELECT = """
      SELECT warrant_id, case_id, legal_basis, purpose, requested_by, requested_at, window_from, window_to,
             expires_at, cameras, area, approvals_needed, state, version,
             (SELECT closed_at FROM cases k WHERE k.case_id = warrants.case_id) FROM warrants""";

  private final DataSource dataSource;
  private final AuditLog audit;

  /** Stores through {@code dataSource}, auditing in {@code audit}. */
  public WarrantRepository(DataSource dataSource, AuditLog audit) {
    this.dataSource = dataSource;
    this.audit = audit;
  }

  /**
   * Stores a new warrant with its first transition and audit row, opening its case when it is the
   * case's first warrant; {@link io.corridor.api.Refused} 409 {@code case_closed} when the case is closed.
   */
  public void insert(Warrant w, AuditLog.Entry entry) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        CaseRows.openOrRefuse(c, w.caseId(), w.requestedBy(), w.requestedAt());
        try (PreparedStatement ps = c.prepareStatement("""
            INSERT INTO warrants (warrant_id, case_id, legal_basis, purpose, requested_by, requested_at, window_from,
                                  window_to, expires_at, cameras, area, approvals_needed, state, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
          ps.setObject(1, w.id());
          ps.setString(2, w.caseId());
          ps.setString(3, w.legalBasis());
          ps.setString(4, w.purpose());
          ps.setString(5, w.requestedBy());
          ps.setTimestamp(6, Timestamp.from(w.requestedAt()));
          ps.setTimestamp(7, Timestamp.from(w.windowFrom()));
          ps.setTimestamp(8, Timestamp.from(w.windowTo()));
          ps.setTimestamp(9, Timestamp.from(w.expiresAt()));
          ps.setArray(10, c.createArrayOf("text", w.cameras().toArray()));
          ps.setString(11, w.area() == null ? null : w.area().encode());
          ps.setInt(12, w.approvalsNeeded());
          ps.setString(13, w.state().name());
          ps.setInt(14, w.version());
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO warrant_plates (warrant_id, plate_hash, plate_ct) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
          for (int i = 0; i < w.plateHashes().size(); i++) {
            ps.setObject(1, w.id());
            ps.setBytes(2, w.plateHashes().get(i));
            ps.setBytes(3, w.plateCiphertexts().get(i));
            ps.addBatch();
          }
          ps.executeBatch();
        }
        insertTransition(c, w.id(), w.transitions().getLast());
        audit.append(c, entry);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Moves {@code next} (the warrant after one step) into place if nobody changed it since
   * {@code next.version() - 1}.
   *
   * @return false when another change came first (nothing written)
   */
  public boolean update(Warrant next, AuditLog.Entry entry) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE warrants SET state = ?, version = ? WHERE warrant_id = ? AND version = ?")) {
          ps.setString(1, next.state().name());
          ps.setInt(2, next.version());
          ps.setObject(3, next.id());
          ps.setInt(4, next.version() - 1);
          if (ps.executeUpdate() == 0) {
            c.rollback();
            return false;
          }
        }
        insertTransition(c, next.id(), next.transitions().getLast());
        audit.append(c, entry);
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The warrant {@code id} with its plates and steps. */
  public Optional<Warrant> find(UUID id) throws SQLException {
    return find(id, null, true);
  }

  /**
   * The warrant {@code id} as a query checks it: of its plates only {@code plateHash} (when the
   * warrant names it; none when null), so a warrant naming a thousand plates costs a query one,
   * and without its recorded steps.
   */
  public Optional<Warrant> findForQuery(UUID id, byte[] plateHash) throws SQLException {
    return find(id, plateHash, false);
  }

  private Optional<Warrant> find(UUID id, byte[] plateHash, boolean allPlates) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + " WHERE warrant_id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(load(c, rs, plateHash, allPlates)) : Optional.empty();
      }
    }
  }

  /**
   * Warrants newest first, at most {@code limit}, requested before {@code before} (paging).
   *
   * @param requestedBy only this requester's, or all when null
   */
  public List<Warrant> list(String requestedBy, java.time.Instant before, int limit) throws SQLException {
    List<Warrant> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT
            + " WHERE (?::text IS NULL OR requested_by = ?) AND requested_at < ? ORDER BY requested_at DESC, warrant_id LIMIT ?")) {
      ps.setString(1, requestedBy);
      ps.setString(2, requestedBy);
      ps.setTimestamp(3, Timestamp.from(before));
      ps.setInt(4, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(load(c, rs, null, true));
        }
      }
    }
    return result;
  }

  private static Warrant load(Connection c, ResultSet rs, byte[] plateHash, boolean allPlates) throws SQLException {
    UUID id = rs.getObject(1, UUID.class);
    List<byte[]> hashes = new ArrayList<>();
    List<byte[]> ciphertexts = new ArrayList<>();
    // Two statements, not one with "(? OR plate_hash = ?)": that form cannot use the key's second
    // column, so a query's scope check read every plate of the warrant (1000 in bench queries).
    try (PreparedStatement ps = c.prepareStatement(allPlates
        ? "SELECT plate_hash, plate_ct FROM warrant_plates WHERE warrant_id = ? ORDER BY plate_hash"
        : "SELECT plate_hash, plate_ct FROM warrant_plates WHERE warrant_id = ? AND plate_hash = ?")) {
      ps.setObject(1, id);
      if (!allPlates) {
        ps.setBytes(2, plateHash);
      }
      try (ResultSet plates = ps.executeQuery()) {
        while (plates.next()) {
          hashes.add(plates.getBytes(1));
          ciphertexts.add(plates.getBytes(2));
        }
      }
    }
    List<Warrant.Transition> steps = allPlates ? steps(c, id) : List.of();
    Array cameras = rs.getArray(10);
    String area = rs.getString(11);
    return new Warrant(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
        rs.getTimestamp(9).toInstant(), hashes, ciphertexts,
        new LinkedHashSet<>(List.of((String[]) cameras.getArray())), area == null ? null : Area.decode(area),
        rs.getInt(12), WarrantState.valueOf(rs.getString(13)), rs.getInt(14), List.copyOf(steps),
        rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant());
  }

  private static List<Warrant.Transition> steps(Connection c, UUID id) throws SQLException {
    List<Warrant.Transition> steps = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT step, action, from_state, to_state, actor, role, at, note FROM warrant_transitions WHERE warrant_id = ? ORDER BY step")) {
      ps.setObject(1, id);
      try (ResultSet t = ps.executeQuery()) {
        while (t.next()) {
          String from = t.getString(3);
          steps.add(new Warrant.Transition(t.getInt(1), t.getString(2), from == null ? null : WarrantState.valueOf(from),
              WarrantState.valueOf(t.getString(4)), t.getString(5), t.getString(6), t.getTimestamp(7).toInstant(),
              t.getString(8)));
        }
      }
    }
    return steps;
  }

  private static void insertTransition(Connection c, UUID id, Warrant.Transition t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO warrant_transitions (warrant_id, step, action, from_state, to_state, actor, role, at, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      ps.setObject(1, id);
      ps.setInt(2, t.step());
      ps.setString(3, t.action());
      ps.setString(4, t.from() == null ? null : t.from().name());
      ps.setString(5, t.to().name());
      ps.setString(6, t.actor());
      ps.setString(7, t.role());
      ps.setTimestamp(8, Timestamp.from(t.at()));
      ps.setString(9, t.note());
      ps.executeUpdate();
    }
  }
}
