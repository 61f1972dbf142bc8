package io.corridor.rules;

import io.corridor.events.Severity;
import io.corridor.storage.PlateProtector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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
            "SELECT entry_id, plate_hash, reason, severity, expires_at FROM hotlist WHERE active"
                + " AND (expires_at IS NULL OR expires_at > now())");
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

  /** One entry as management lists it: no plate, not even its hash. */
  public record View(String id, String reason, Severity severity, String addedBy, Instant addedAt, Instant expiresAt,
      boolean active, int variants) {}

  /** The confusable-form hashes of every active entry. */
  public List<Hotlist.Variant> loadVariants() throws SQLException {
    List<Hotlist.Variant> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT v.entry_id, v.variant_hash, v.kind FROM hotlist_variants v JOIN hotlist h USING (entry_id)
            WHERE h.active AND (h.expires_at IS NULL OR h.expires_at > now())""");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Hotlist.Variant(rs.getString(1), rs.getBytes(2),
            Hotlist.Kind.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT))));
      }
    }
    return out;
  }

  /**
   * Lists {@code plate} (normalised) with its confusable forms, de-duplicated: when an active entry
   * already lists the same plate, that entry is updated instead and its id returned.
   *
   * @param newId the id for a new entry
   * @return the id of the entry now listing the plate, and whether it was new
   */
  public Added addOrUpdate(String newId, String plate, String reason, Severity severity, Instant expiresAt, String addedBy,
      PlateProtector protector) throws SQLException {
    byte[] hash = protector.hash(plate);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        String id = null;
        try (PreparedStatement find = c.prepareStatement(
            "SELECT entry_id FROM hotlist WHERE plate_hash = ? AND active ORDER BY added_at LIMIT 1 FOR UPDATE")) {
          find.setBytes(1, hash);
          try (ResultSet rs = find.executeQuery()) {
            if (rs.next()) {
              id = rs.getString(1);
            }
          }
        }
        boolean created = id == null;
        if (created) {
          id = newId;
          try (PreparedStatement ins = c.prepareStatement("""
              INSERT INTO hotlist (entry_id, plate_hash, reason, severity, added_by, expires_at) VALUES (?, ?, ?, ?, ?, ?)""")) {
            ins.setString(1, id);
            ins.setBytes(2, hash);
            ins.setString(3, reason);
            ins.setString(4, severity.name());
            ins.setString(5, addedBy);
            ins.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
            ins.executeUpdate();
          }
        } else {
          try (PreparedStatement upd = c.prepareStatement(
              "UPDATE hotlist SET reason = ?, severity = ?, expires_at = ? WHERE entry_id = ?")) {
            upd.setString(1, reason);
            upd.setString(2, severity.name());
            upd.setTimestamp(3, expiresAt == null ? null : Timestamp.from(expiresAt));
            upd.setString(4, id);
            upd.executeUpdate();
          }
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM hotlist_variants WHERE entry_id = ?")) {
          del.setString(1, id);
          del.executeUpdate();
        }
        try (PreparedStatement v = c.prepareStatement(
            "INSERT INTO hotlist_variants (entry_id, variant_hash, kind) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
          String folded = PlateVariants.fold(plate);
          addVariant(v, id, protector.hash(folded), "confusable");
          for (String shorter : PlateVariants.deletions(folded)) {
            addVariant(v, id, protector.hash(shorter), "missing");
          }
          v.executeBatch();
        }
        c.commit();
        return new Added(id, created);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The outcome of {@link #addOrUpdate}. */
  public record Added(String id, boolean created) {}

  /** Ends entry {@code entryId} now; returns whether it was active. */
  public boolean expire(String entryId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE hotlist SET active = false, expires_at = coalesce(least(expires_at, now()), now()) WHERE entry_id = ? AND active")) {
      ps.setString(1, entryId);
      return ps.executeUpdate() == 1;
    }
  }

  /** Entries, newest first, at most {@code limit}; with {@code activeOnly} only those still matching. */
  public List<View> list(boolean activeOnly, int limit) throws SQLException {
    List<View> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT h.entry_id, h.reason, h.severity, h.added_by, h.added_at, h.expires_at,
                   h.active AND (h.expires_at IS NULL OR h.expires_at > now()),
                   (SELECT count(*) FROM hotlist_variants v WHERE v.entry_id = h.entry_id)
            FROM hotlist h WHERE NOT ? OR (h.active AND (h.expires_at IS NULL OR h.expires_at > now()))
            ORDER BY h.added_at DESC, h.entry_id LIMIT ?""")) {
      ps.setBoolean(1, activeOnly);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp exp = rs.getTimestamp(6);
          out.add(new View(rs.getString(1), rs.getString(2), Severity.valueOf(rs.getString(3)), rs.getString(4),
              rs.getTimestamp(5).toInstant(), exp == null ? null : exp.toInstant(), rs.getBoolean(7), rs.getInt(8)));
        }
      }
    }
    return out;
  }

  private static void addVariant(PreparedStatement v, String id, byte[] hash, String kind) throws SQLException {
    v.setString(1, id);
    v.setBytes(2, hash);
    v.setString(3, kind);
    v.addBatch();
  }
}
