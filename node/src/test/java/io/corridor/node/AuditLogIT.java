package io.corridor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.storage.AuditLog;
import io.corridor.storage.Database;
import io.corridor.storage.StorageOptions;
import io.corridor.testkit.TestDatabase;
import io.corridor.config.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit trail refuses changes, and a change forced past that is detected. */
class AuditLogIT {

  @Test
  void appendOnlyAndTamperEvident() throws Exception {
    try (Database db = Database.open(new StorageOptions(Settings.of(Map.of("db.url", TestDatabase.fresh("audit")))))) {
      db.migrate(false);
      AuditLog audit = new AuditLog(db.dataSource(), Clock.systemUTC());
      for (int i = 1; i <= 5; i++) {
        assertThat(audit.append(new AuditLog.Entry("officer-" + i, "officer", "alerts.list", "alerts", i, "limit=10")))
            .isEqualTo(i);
      }
      assertThat(audit.verify()).isEmpty();

      try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
        assertThatThrownBy(() -> st.execute("UPDATE audit_log SET records = 0 WHERE seq = 3"))
            .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> st.execute("DELETE FROM audit_log WHERE seq = 3"))
            .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        // A superuser can switch the guard off; the hash chain still shows what was changed.
        st.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
        st.execute("UPDATE audit_log SET records = 0 WHERE seq = 3");
        st.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
      }
      assertThat(audit.verify()).contains(3L);
    }
  }
}
