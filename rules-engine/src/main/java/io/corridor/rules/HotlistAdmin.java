package io.corridor.rules;

import io.corridor.events.Severity;
import io.corridor.rules.engine.store.Csv;
import io.corridor.rules.engine.store.ImportResult;
import io.corridor.rules.engine.store.Plates;
import io.corridor.storage.AuditLog;
import io.corridor.storage.PlateProtector;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Hotlist management for operators: add (a plate already listed is updated, not listed twice),
 * list (never a plate), expire, CSV import. Every change is audited. Nodes pick changes up at
 * their next hotlist reload ({@code rules.hotlist.reload-interval}). Blocking.
 */
public final class HotlistAdmin {

  /** A new entry to list. */
  public record Addition(String plate, String reason, Severity severity, Instant expiresAt) {}

  private final HotlistRepository repository;
  private final PlateProtector protector;
  private final AuditLog audit;

  /** Manages the hotlist in {@code repository}; {@code audit} may be null in tests. */
  public HotlistAdmin(HotlistRepository repository, PlateProtector protector, AuditLog audit) {
    this.repository = repository;
    this.protector = protector;
    this.audit = audit;
  }

  /**
   * Lists {@code a.plate()} (normalised).
   *
   * @throws IllegalArgumentException naming the bad field
   */
  public HotlistRepository.Added add(Addition a, String by) throws SQLException {
    HotlistRepository.Added added = repository.addOrUpdate("hl-" + UUID.randomUUID(), Plates.normalize(a.plate()),
        a.reason(), a.severity(), a.expiresAt(), by, protector);
    audit(by, added.created() ? "hotlist.add" : "hotlist.update", "hotlist/" + added.id(), 1);
    return added;
  }

  /** Ends {@code entryId}; returns whether it was active. */
  public boolean expire(String entryId, String by) throws SQLException {
    boolean expired = repository.expire(entryId);
    if (expired) {
      audit(by, "hotlist.expire", "hotlist/" + entryId, 1);
    }
    return expired;
  }

  /** Entries, newest first. */
  public List<HotlistRepository.View> list(boolean activeOnly, int limit) throws SQLException {
    return repository.list(activeOnly, limit);
  }

  /**
   * Imports CSV {@code plate,reason,severity,expires_at} (severity INFO/WARNING/CRITICAL, default
   * CRITICAL; expires_at an ISO instant or a date meaning its end, UTC; empty for none). A plate
   * repeated in the file is imported once (the first row); a plate already listed is updated.
   * All or nothing when any row is bad.
   */
  public ImportResult importCsv(String csv, String by) throws SQLException {
    List<Csv.Row> rows = Csv.parse(csv, "plate", "reason");
    List<ImportResult.RowError> errors = new ArrayList<>();
    Map<String, Addition> byPlate = new LinkedHashMap<>();
    int duplicates = 0;
    for (Csv.Row row : rows) {
      String plate = null;
      try {
        plate = Plates.normalize(row.get("plate") == null ? "" : row.get("plate"));
      } catch (IllegalArgumentException e) {
        errors.add(new ImportResult.RowError(row.line(), "plate", e.getMessage()));
      }
      String reason = row.get("reason");
      if (reason == null) {
        errors.add(new ImportResult.RowError(row.line(), "reason", "is required"));
      }
      Severity severity = Severity.CRITICAL;
      try {
        severity = row.get("severity") == null ? Severity.CRITICAL : Severity.valueOf(row.get("severity").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(new ImportResult.RowError(row.line(), "severity", "must be INFO, WARNING or CRITICAL"));
      }
      Instant expires = null;
      try {
        expires = expiry(row.get("expires_at"));
      } catch (IllegalArgumentException e) {
        errors.add(new ImportResult.RowError(row.line(), "expires_at", e.getMessage()));
      }
      if (plate != null && reason != null && byPlate.putIfAbsent(plate, new Addition(plate, reason, severity, expires)) != null) {
        duplicates++;
      }
    }
    if (!errors.isEmpty()) {
      return new ImportResult(rows.size(), 0, duplicates, errors);
    }
    int stored = 0;
    for (Addition a : byPlate.values()) {
      repository.addOrUpdate("hl-" + UUID.randomUUID(), a.plate(), a.reason(), a.severity(), a.expiresAt(), by, protector);
      stored++;
    }
    audit(by, "hotlist.import", "hotlist", stored);
    return new ImportResult(rows.size(), stored, duplicates, List.of());
  }

  /** Parses an expiry: an ISO instant, or a date meaning the end of that day (UTC); null for none. */
  public static Instant expiry(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return s.length() == 10 ? LocalDate.parse(s).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("must be an instant like 2027-01-31T00:00:00Z or a date 2027-01-31, got '" + s + "'");
    }
  }

  private void audit(String by, String action, String target, int records) throws SQLException {
    if (audit != null) {
      audit.append(new AuditLog.Entry(by, "operator", action, target, records, "rows=" + records));
    }
  }
}
