package io.corridor.rules.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code rule_documents} table: every version of every rule document. Blocking. */
public final class RuleDocumentRepository {

  /** One stored version. */
  public record Stored(String id, int version, String type, String text) {}

  private final DataSource dataSource;

  /** Uses {@code dataSource} for every call. */
  public RuleDocumentRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The latest version of every rule. */
  public List<Stored> latest() throws SQLException {
    List<Stored> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT DISTINCT ON (rule_id) rule_id, version, rule_type, document FROM rule_documents
            ORDER BY rule_id, version DESC""");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
      }
    }
    return out;
  }

  /** The highest stored version of {@code id}, or 0. */
  public int currentVersion(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(version), 0) FROM rule_documents WHERE rule_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** One stored version, or {@code null}. */
  public Stored find(String id, int version) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT rule_id, version, rule_type, document FROM rule_documents WHERE rule_id = ? AND version = ?")) {
      ps.setString(1, id);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)) : null;
      }
    }
  }

  /**
   * Stores a version unless one with the same or a higher number exists.
   *
   * @return whether it was stored
   */
  public boolean insert(String id, int version, String type, String text, String by) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            INSERT INTO rule_documents (rule_id, version, rule_type, document, updated_by)
            SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM rule_documents WHERE rule_id = ? AND version >= ?)
            ON CONFLICT DO NOTHING""")) {
      ps.setString(1, id);
      ps.setInt(2, version);
      ps.setString(3, type);
      ps.setString(4, text);
      ps.setString(5, by);
      ps.setString(6, id);
      ps.setInt(7, version);
      return ps.executeUpdate() == 1;
    }
  }
}
