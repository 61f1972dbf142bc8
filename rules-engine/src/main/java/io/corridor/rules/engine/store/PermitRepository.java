package io.corridor.rules.engine.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.sql.DataSource;

/** The {@code zone_permits} table; plates only as blind index. Blocking. */
public final class PermitRepository {

  private final DataSource dataSource;

  /** Uses {@code dataSource} for every call. */
  public PermitRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores permits of {@code listId}: blind index → last valid day (or null), in one transaction. */
  public int upsert(String listId, Map<byte[], LocalDate> permits, String by) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT INTO zone_permits (list_id, plate_hash, valid_until, added_by) VALUES (?, ?, ?, ?)
          ON CONFLICT (list_id, plate_hash) DO UPDATE SET valid_until = excluded.valid_until,
            added_by = excluded.added_by, added_at = now()""")) {
        for (Map.Entry<byte[], LocalDate> e : permits.entrySet()) {
          ps.setString(1, listId);
          ps.setBytes(2, e.getKey());
          ps.setDate(3, e.getValue() == null ? null : Date.valueOf(e.getValue()));
          ps.setString(4, by);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
        return permits.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Every list: list id → (blind index hex → last valid day or null). */
  public Map<String, Map<String, LocalDate>> loadAll() throws SQLException {
    Map<String, Map<String, LocalDate>> out = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT list_id, plate_hash, valid_until FROM zone_permits");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Date d = rs.getDate(3);
        out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
            .put(HexFormat.of().formatHex(rs.getBytes(2)), d == null ? null : d.toLocalDate());
      }
    }
    return out;
  }
}
