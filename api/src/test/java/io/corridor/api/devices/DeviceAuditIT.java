package io.corridor.api.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.config.Settings;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.platform.devices.DeviceKeys;
import io.corridor.storage.AuditLog;
import io.corridor.storage.Database;
import io.corridor.storage.StorageOptions;
import io.corridor.testkit.MutableClock;
import io.corridor.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A device change and its audit row are one transaction: when the audit row cannot be written (a
 * trigger refuses it, as a full disk or a revoked grant would) the change is not made, and with the
 * audit log writable again the same change commits with its row.
 */
class DeviceAuditIT {

  static Database database;
  static DeviceAdmin admin;
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

  @BeforeAll
  static void start() throws Exception {
    database = Database.open(new StorageOptions(Settings.of(Map.of("db.url", TestDatabase.fresh("device_audit")))));
    database.migrate(false);
    admin = new DeviceAdmin(new DeviceStore(database.dataSource()), new AuditLog(database.dataSource(), CLOCK),
        new DeviceOptions(Settings.of(Map.of())), CLOCK);
    sql("""
        CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit log not writable (test)'; END $$""");
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @AfterEach
  void auditWritable() throws Exception {
    sql("DROP TRIGGER IF EXISTS refuse_audit ON audit_log");
  }

  static void refuseAudit() throws Exception {
    sql("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()");
  }

  @Test
  void aRegistrationWhoseAuditRowFailsIsNotStored() throws Exception {
    refuseAudit();
    DeviceAdmin.NewDevice device = new DeviceAdmin.NewDevice("cam-audit-1", "camera", "gate", null, null);
    assertThatThrownBy(() -> admin.create("operator-1", device)).isInstanceOf(SQLException.class)
        .hasMessageContaining("audit log not writable");
    assertThat(count("SELECT count(*) FROM devices WHERE device_id = 'cam-audit-1'")).isZero();

    auditWritable();
    admin.create("operator-1", device);
    assertThat(count("SELECT count(*) FROM devices WHERE device_id = 'cam-audit-1'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'devices.create' AND target = 'device cam-audit-1'"))
        .isEqualTo(1);
  }

  @Test
  void aRotationOrRevocationWhoseAuditRowFailsLeavesTheDeviceAsItWas() throws Exception {
    new DeviceRepository(database.dataSource()).register("cam-audit-2", "camera", "old-key", "gate", null, null);
    refuseAudit();
    assertThatThrownBy(() -> admin.rotate("operator-1", "cam-audit-2")).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> admin.revoke("operator-1", "cam-audit-2")).isInstanceOf(SQLException.class);
    try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT key_sha256, previous_key_sha256, key_rotated_at, status, revoked_at FROM devices WHERE device_id = ?")) {
      ps.setString(1, "cam-audit-2");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBytes(1)).isEqualTo(DeviceKeys.digest("old-key"));
        assertThat(rs.getBytes(2)).isNull();
        assertThat(rs.getTimestamp(3)).isNull();
        assertThat(rs.getString(4)).isEqualTo("active");
        assertThat(rs.getTimestamp(5)).isNull();
      }
    }

    auditWritable();
    admin.revoke("operator-1", "cam-audit-2");
    assertThat(count("SELECT count(*) FROM devices WHERE device_id = 'cam-audit-2' AND status = 'revoked'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'devices.revoke' AND target = 'device cam-audit-2'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'devices.rotate'")).isZero();
  }

  static void sql(String statement) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  static long count(String query) throws Exception {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
