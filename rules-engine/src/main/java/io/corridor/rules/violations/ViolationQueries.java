package io.corridor.rules.violations;

import io.corridor.platform.auth.Role;
import io.corridor.storage.AuditLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Officers' reads of violations. Each answer carries decrypted plates, so each is first recorded
 * in the audit log; when the audit row cannot be written the answer is not given. Blocking.
 */
public final class ViolationQueries {

  private final DataSource dataSource;
  private final ViolationStore store;
  private final AuditLog audit;

  /** Reads through {@code store} and audits to {@code audit}. */
  public ViolationQueries(DataSource dataSource, ViolationStore store, AuditLog audit) {
    this.dataSource = dataSource;
    this.store = store;
    this.audit = audit;
  }

  /** A page matching {@code filter}, audited as {@code violations.list} by {@code officer}. */
  public List<ViolationRecord> list(String officer, ViolationFilter filter) throws SQLException {
    List<ViolationRecord> page;
    try (Connection c = dataSource.getConnection()) {
      page = store.list(c, filter);
    }
    audit.append(new AuditLog.Entry(officer, Role.OFFICER.claim(), "violations.list", "violations", page.size(),
        "status=" + filter.status() + " kind=" + filter.kind() + " camera=" + filter.camera() + " since=" + filter.since()
            + " limit=" + filter.limit()));
    return page;
  }

  /** One violation, audited as {@code action} (e.g. {@code violations.read}) by {@code officer}. */
  public Optional<ViolationRecord> find(String officer, String id, String action) throws SQLException {
    ViolationRecord found;
    try (Connection c = dataSource.getConnection()) {
      found = store.find(c, id, false);
    }
    audit.append(new AuditLog.Entry(officer, Role.OFFICER.claim(), action, "violation " + id, found == null ? 0 : 1, ""));
    return Optional.ofNullable(found);
  }
}
