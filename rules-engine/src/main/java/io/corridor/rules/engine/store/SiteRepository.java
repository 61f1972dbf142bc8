package io.corridor.rules.engine.store;

import io.corridor.rules.engine.site.CameraSite;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code camera_sites} table. Besides the document, the columns other modules need are kept
 * apart: {@code device_id} and {@code purpose} (read retention), the calibration (evidence). Blocking.
 */
public final class SiteRepository {

  private final DataSource dataSource;

  /** Uses {@code dataSource} for every call. */
  public SiteRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every site's document by site id. */
  public Map<String, String> loadAll() throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT site_id, document FROM camera_sites ORDER BY site_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  /**
   * Stores {@code site} (its document {@code json}) unless a version at least as high is stored.
   *
   * @return whether it was stored
   * @throws SQLException also when another site already uses the same camera
   */
  public boolean upsert(CameraSite site, String json, String by) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            INSERT INTO camera_sites (site_id, device_id, purpose, measurement, calibration_certificate,
                                      calibration_valid_until, version, document, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (site_id) DO UPDATE SET device_id = excluded.device_id, purpose = excluded.purpose,
              measurement = excluded.measurement, calibration_certificate = excluded.calibration_certificate,
              calibration_valid_until = excluded.calibration_valid_until, version = excluded.version,
              document = excluded.document, updated_by = excluded.updated_by, updated_at = now()
            WHERE camera_sites.version < excluded.version""")) {
      ps.setString(1, site.siteId());
      ps.setString(2, site.deviceId());
      ps.setString(3, site.purpose().code());
      ps.setString(4, site.measurement().code());
      ps.setString(5, site.calibration() == null ? null : site.calibration().certificate());
      ps.setDate(6, site.calibration() == null ? null : Date.valueOf(site.calibration().validUntil()));
      ps.setInt(7, site.version());
      ps.setString(8, json);
      ps.setString(9, by);
      return ps.executeUpdate() == 1;
    }
  }
}
