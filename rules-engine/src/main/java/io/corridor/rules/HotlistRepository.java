package io.corridor.rules;

import io.corridor.events.Severity;
import io.corridor.storage.PlateProtector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code hotlist} table. Blocking. */
public final class HotlistRepository {

  private final DataSource dataSource;

  /** Uses {@code dataSource} for every call. */
  public HotlistRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every active entry. */
  public List<HotlistEntry> loadActive() throws SQLException {
    List<HotlistEntry> entries = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT entry_id, plate_hash, reason, severity, expires_at FROM hotlist WHERE active");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp expires = rs.getTimestamp(5);
        entries.add(new HotlistEntry(rs.getString(1), rs.getBytes(2), rs.getString(3),
            Severity.valueOf(rs.getString(4)), expires == null ? null : expires.toInstant()));
      }
    }
    return entries;
  }

  /** Lists {@code plate} (normalised) under {@code entryId}; the plate is stored only as its hash. */
  public void add(String entryId, String plate, String reason, Severity severity, String addedBy,
      PlateProtector protector) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            INSERT INTO hotlist (entry_id, plate_hash, reason, severity, added_by) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (entry_id) DO UPDATE SET plate_hash = excluded.plate_hash, reason = excluded.reason,
              severity = excluded.severity, active = true""")) {
      ps.setString(1, entryId);
      ps.setBytes(2, protector.hash(plate));
      ps.setString(3, reason);
      ps.setString(4, severity.name());
      ps.setString(5, addedBy);
      ps.executeUpdate();
    }
  }
}
