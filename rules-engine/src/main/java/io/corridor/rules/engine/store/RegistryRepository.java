package io.corridor.rules.engine.store;

import io.corridor.rules.engine.registry.RegistryRecord;
import io.corridor.rules.engine.site.VehicleClass;
import io.corridor.storage.PlateProtector;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The {@code vehicle_registry} table; plates as blind index and ciphertext. Blocking. */
public final class RegistryRepository {

  /** One imported row: the clear plate exists only until it is hashed and encrypted here. */
  public record Row(String plate, RegistryRecord record) {}

  private final DataSource dataSource;
  private final PlateProtector protector;

  /** Protects plates with {@code protector}. */
  public RegistryRepository(DataSource dataSource, PlateProtector protector) {
    this.dataSource = dataSource;
    this.protector = protector;
  }

  /** Stores {@code rows} (new plates inserted, known ones replaced) in one transaction. */
  public int upsert(List<Row> rows, String by) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT INTO vehicle_registry (plate_hash, plate_ct, vehicle_class, euro_class, insured_until,
                                        registered_until, imported_by)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (plate_hash) DO UPDATE SET plate_ct = excluded.plate_ct, vehicle_class = excluded.vehicle_class,
            euro_class = excluded.euro_class, insured_until = excluded.insured_until,
            registered_until = excluded.registered_until, imported_by = excluded.imported_by, imported_at = now()""")) {
        for (Row r : rows) {
          RegistryRecord rec = r.record();
          ps.setBytes(1, protector.hash(r.plate()));
          ps.setBytes(2, protector.encrypt(r.plate()));
          ps.setString(3, rec.vehicleClass() == null ? null : rec.vehicleClass().code());
          if (rec.euroClass() == null) {
            ps.setNull(4, Types.SMALLINT);
          } else {
            ps.setShort(4, rec.euroClass().shortValue());
          }
          ps.setDate(5, date(rec.insuredUntil()));
          ps.setDate(6, date(rec.registeredUntil()));
          ps.setString(7, by);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
        return rows.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Every record by plate blind index (hex). */
  public Map<String, RegistryRecord> loadAll() throws SQLException {
    Map<String, RegistryRecord> out = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT plate_hash, vehicle_class, euro_class, insured_until, registered_until FROM vehicle_registry""")) {
      ps.setFetchSize(10_000);
      c.setAutoCommit(false); // lets the driver stream with the fetch size
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String cls = rs.getString(2);
          short euro = rs.getShort(3);
          Integer euroClass = rs.wasNull() ? null : (int) euro;
          out.put(HexFormat.of().formatHex(rs.getBytes(1)), new RegistryRecord(cls == null ? null : VehicleClass.parse(cls),
              euroClass, local(rs.getDate(4)), local(rs.getDate(5))));
        }
      }
      c.commit();
    }
    return out;
  }

  private static Date date(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }

  private static LocalDate local(Date d) {
    return d == null ? null : d.toLocalDate();
  }
}
