package io.corridor.tracking.shipments;

import io.corridor.platform.auth.Role;
import io.corridor.storage.AuditLog;
import io.corridor.storage.PlateProtector;
import io.corridor.tracking.shipments.CargoAlertRepository.StoredAlert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A customs officer takes a cargo alert on: records who, when and what was done, once per alert,
 * with the stream event and the audit row in the same transaction. The episode stays open until the
 * shipment behaves again; an alert already closed may still be acknowledged (the officer's record
 * of having dealt with it). Blocking.
 */
public final class AlertAcknowledgements {

  /** The longest note kept. */
  public static final int MAX_NOTE = 2000;

  /** What came of a request. */
  public enum Outcome {
    /** Recorded now. */
    ACKNOWLEDGED,
    /** Someone acknowledged it before: nothing changed. */
    ALREADY_ACKNOWLEDGED,
    /** The shipment has no such alert, or there is no such shipment. */
    NOT_FOUND
  }

  /** The outcome, and the alert as it is now (null when not found). */
  public record Result(Outcome outcome, StoredAlert alert) {}

  private static final String ROLE = Role.CUSTOMS.claim();

  private final DataSource dataSource;
  private final AuditLog audit;
  private final PlateProtector protector;
  private final Clock clock;

  /** Records through {@code dataSource}, audited in {@code audit}; {@code protector} reads the plates a note must not name. */
  public AlertAcknowledgements(DataSource dataSource, AuditLog audit, PlateProtector protector, Clock clock) {
    this.dataSource = dataSource;
    this.audit = audit;
    this.protector = protector;
    this.clock = clock;
  }

  /**
   * Checks a note: optional, at most {@link #MAX_NOTE} characters.
   *
   * @throws HoldRefusal INVALID naming {@code note}
   */
  public static void validate(String note) {
    if (note != null && note.length() > MAX_NOTE) {
      throw new HoldRefusal(HoldRefusal.Kind.INVALID, "note", "must be at most " + MAX_NOTE + " characters");
    }
  }

  /**
   * Acknowledges alert {@code alertId} of shipment {@code shipmentId} for {@code officer}.
   *
   * @throws HoldRefusal INVALID when the note is too long or names one of the shipment's plates
   */
  public Result acknowledge(String shipmentId, String alertId, String officer, String note) throws SQLException {
    validate(note);
    String kept = note == null || note.isBlank() ? null : note.strip();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Optional<List<String>> plates = ShipmentPlates.lock(c, protector, shipmentId);
        Optional<StoredAlert> before = plates.isEmpty() ? Optional.empty()
            : CargoAlertRepository.find(c, shipmentId, alertId);
        if (before.isEmpty()) {
          c.rollback();
          return new Result(Outcome.NOT_FOUND, null);
        }
        if (before.get().acknowledgement() != null) {
          c.rollback();
          return new Result(Outcome.ALREADY_ACKNOWLEDGED, before.get());
        }
        // the alert outlives the shipment's trip by years: its note must not carry a plate in clear
        if (kept != null && ShipmentPlates.names(plates.get(), kept)) {
          throw new HoldRefusal(HoldRefusal.Kind.INVALID, "note", "must not contain a plate of the shipment");
        }
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("""
            UPDATE cargo_alerts SET acknowledged_at = ?, acknowledged_by = ?, acknowledgement = ?
             WHERE alert_id = ?::uuid AND acknowledged_at IS NULL""")) {
          ps.setTimestamp(1, Timestamp.from(now));
          ps.setString(2, officer);
          ps.setString(3, kept);
          ps.setString(4, alertId);
          ps.executeUpdate(); // the shipment's row lock keeps a second acknowledgement waiting, then ALREADY
        }
        CargoAlertRepository.recordEvent(c, alertId, "acknowledged", now);
        audit.append(c, new AuditLog.Entry(officer, ROLE, "shipments.alerts.acknowledge", "shipment " + shipmentId, 1,
            "alert " + alertId + " " + before.get().alert().kind()));
        StoredAlert after = CargoAlertRepository.find(c, shipmentId, alertId).orElseThrow();
        c.commit();
        return new Result(Outcome.ACKNOWLEDGED, after);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
