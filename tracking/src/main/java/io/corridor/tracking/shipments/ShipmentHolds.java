package io.corridor.tracking.shipments;

import io.corridor.platform.auth.Role;
import io.corridor.storage.AuditLog;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.Transactions;
import io.corridor.storage.hold.LegalHolds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Legal hold for cargo evidence: a customs officer holds a shipment for a case, one hold of the
 * {@link LegalHolds} mechanism per shipment and case ({@code shipment:<shipmentId>:<case>}). While
 * a hold is open the retention job expires nothing of the shipment ({@link JourneySql#HELD}), and
 * the positions of its journey ({@link JourneySql#JOURNEY_FROM}, the track's) are copied into {@code held_positions},
 * which the daily partition drop cannot take: at hold time what exists, at every later step of the
 * shipment and at every retention run what has come since ({@link #copyJourneys}), so whatever
 * positions of the journey exist when a partition is dropped are already copied. Released, the
 * copies expire as the rows they copy would have ({@link #expireReleased}). Each hold and release
 * commits together with its audit row. Blocking.
 */
public final class ShipmentHolds {

  /** A customs case reference: short, and safe in a path segment. */
  private static final Pattern CASE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_JUSTIFICATION = 2000;
  private static final String ROLE = Role.CUSTOMS.claim();

  /** The columns of {@code positions} that {@code held_positions} copies, in both tables' names. */
  private static final String COPIED = """
      event_id, device_id, shipment_id, event_time, received_time, lat, lon, speed_kmh, heading_deg, temperature_c,
      seal_closed, altitude_m, accuracy_m, battery_pct, sensors, alarms, authenticated, protocol, flags""";

  /**
   * One hold of a shipment.
   *
   * @param caseRef the customs case
   * @param heldAt when it was (last) opened
   * @param heldBy who opened it
   * @param justification why
   * @param releasedAt when it was released, null while open
   * @param releasedBy who released it, null while open
   * @param positions position copies it has now (a released hold's until the retention job expires them)
   */
  public record Hold(String shipmentId, String caseRef, Instant heldAt, String heldBy, String justification,
      Instant releasedAt, String releasedBy, long positions) {

    /** Whether it still holds. */
    public boolean open() {
      return releasedAt == null;
    }
  }

  private final DataSource dataSource;
  private final LegalHolds holds;
  private final AuditLog audit;
  private final PlateProtector protector;
  private final Clock clock;

  /** Holds through {@code holds}, audited in {@code audit}; {@code protector} reads the plates the input must not name. */
  public ShipmentHolds(DataSource dataSource, LegalHolds holds, AuditLog audit, PlateProtector protector, Clock clock) {
    this.dataSource = dataSource;
    this.holds = holds;
    this.audit = audit;
    this.protector = protector;
    this.clock = clock;
  }

  /** The legal hold's case reference of shipment {@code shipmentId} held for customs case {@code caseRef}. */
  public static String legalCaseRef(String shipmentId, String caseRef) {
    return "shipment:" + shipmentId + ":" + caseRef;
  }

  /**
   * Checks a hold request's fields.
   *
   * @throws HoldRefusal INVALID naming the field
   */
  public static void validate(String caseRef, String justification) {
    validCase(caseRef);
    if (justification == null || justification.isBlank()) {
      throw new HoldRefusal(HoldRefusal.Kind.INVALID, "justification", "is required: why the case needs the evidence kept");
    }
    if (justification.length() > MAX_JUSTIFICATION) {
      throw new HoldRefusal(HoldRefusal.Kind.INVALID, "justification", "must be at most " + MAX_JUSTIFICATION + " characters");
    }
  }

  /**
   * Checks a case reference.
   *
   * @throws HoldRefusal INVALID naming {@code caseRef}
   */
  public static void validCase(String caseRef) {
    if (caseRef == null || !CASE.matcher(caseRef).matches()) {
      throw new HoldRefusal(HoldRefusal.Kind.INVALID, "caseRef",
          "must be the customs case's reference: 1 to 64 letters, digits, dots, underscores or hyphens, starting with a letter or digit");
    }
  }

  /**
   * Places shipment {@code shipmentId} under the hold of {@code caseRef} (opening it, or again after
   * a release) and copies the positions of its journey that exist now.
   *
   * @return the hold, empty when there is no such shipment
   * @throws HoldRefusal INVALID for a bad field (or one naming the shipment's plate), CONFLICT when that case holds it already
   */
  public Optional<Hold> hold(String shipmentId, String caseRef, String justification, String officer) throws SQLException {
    validate(caseRef, justification);
    String ref = legalCaseRef(shipmentId, caseRef);
    return Transactions.inTransaction(dataSource, c -> {
      Optional<List<String>> plates = lockShipment(c, shipmentId);
      if (plates.isEmpty()) {
        return Optional.<Hold>empty();
      }
      // the hold's record keeps the case and its reason long after the shipment: they must not carry its plates
      notNaming(plates.get(), "caseRef", caseRef);
      notNaming(plates.get(), "justification", justification);
      if (!holds.open(c, ref, new LegalHolds.Actor(officer, ROLE, justification))) {
        throw new HoldRefusal(HoldRefusal.Kind.CONFLICT, "caseRef", "case " + caseRef + " holds shipment " + shipmentId + " already");
      }
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT INTO shipment_holds (case_ref, shipment_id, customs_case) VALUES (?, ?::uuid, ?) ON CONFLICT DO NOTHING""")) {
        ps.setString(1, ref);
        ps.setString(2, shipmentId);
        ps.setString(3, caseRef);
        ps.executeUpdate();
      }
      int copied = copyJourneys(c, "sh.case_ref = ?", ref, clock.instant());
      audit.append(c, new AuditLog.Entry(officer, ROLE, "hold.add", "shipment " + shipmentId, copied,
          "case " + caseRef + "; positions copied: " + copied, null, justification, null, null));
      return Optional.of(find(c, ref).orElseThrow());
    });
  }

  /**
   * Releases the hold of {@code caseRef} on shipment {@code shipmentId}: from now its copies expire
   * under the ordinary limits, and so does the shipment unless another hold is open.
   *
   * @return the released hold, empty when there is no such shipment
   * @throws HoldRefusal INVALID for a malformed case, CONFLICT when that case holds no open hold on it
   */
  public Optional<Hold> release(String shipmentId, String caseRef, String officer) throws SQLException {
    validCase(caseRef);
    String ref = legalCaseRef(shipmentId, caseRef);
    return Transactions.inTransaction(dataSource, c -> {
      if (lockShipment(c, shipmentId).isEmpty()) {
        return Optional.<Hold>empty();
      }
      if (!holds.close(c, ref, new LegalHolds.Actor(officer, ROLE, "released"))) {
        throw new HoldRefusal(HoldRefusal.Kind.CONFLICT, "caseRef", "case " + caseRef + " has no open hold on shipment " + shipmentId);
      }
      Hold released = find(c, ref).orElseThrow();
      audit.append(c, new AuditLog.Entry(officer, ROLE, "hold.release", "shipment " + shipmentId, (int) released.positions(),
          "case " + caseRef + "; position copies now expire under the ordinary limits"));
      return Optional.of(released);
    });
  }

  /** The holds of shipment {@code shipmentId}, newest first. */
  public List<Hold> of(String shipmentId) throws SQLException {
    return select("sh.shipment_id = ?::uuid", shipmentId);
  }

  /** Every shipment hold, open and released, newest first. */
  public List<Hold> list() throws SQLException {
    return select("true", null);
  }

  /**
   * Copies into {@code held_positions} the positions of the journeys of the open holds that
   * {@code where} selects (over {@code shipment_holds sh}, with one parameter {@code param} when not
   * null) that are not copied yet: the journey the track shows ({@link JourneySql}), up to now while
   * it is in transit. In {@code c}'s transaction.
   *
   * @return the positions copied now
   */
  public static int copyJourneys(Connection c, String where, String param, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO held_positions (case_ref, %1$s, held_at)
        SELECT j.case_ref, %1$s, ?
          FROM (SELECT sh.case_ref, s.trackers, %2$s AS journey_from, coalesce(%3$s, 'infinity') AS journey_to
                  FROM shipment_holds sh JOIN legal_holds l ON l.case_ref = sh.case_ref AND l.released_at IS NULL
                  JOIN shipments s ON s.shipment_id = sh.shipment_id
                 WHERE %4$s) j
          JOIN positions p ON p.device_id = ANY (j.trackers) AND p.event_time >= j.journey_from
                          AND p.event_time <= j.journey_to
        ON CONFLICT DO NOTHING""".formatted(COPIED, JourneySql.JOURNEY_FROM, JourneySql.JOURNEY_TO, where))) {
      ps.setTimestamp(1, Timestamp.from(now));
      if (param != null) {
        ps.setString(2, param);
      }
      return ps.executeUpdate();
    }
  }

  /**
   * The retention job's part: deletes the copies of released holds that the rows they copy would
   * have lost by now: fixed before {@code positionsCutoff} (retention.positions), or of a shipment
   * that ended before {@code endedCutoff} (tracking.retention.ended-shipment-positions).
   *
   * @return the copies deleted
   */
  public static int expireReleased(Connection c, Instant positionsCutoff, Instant endedCutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        DELETE FROM held_positions p USING shipment_holds sh, legal_holds l, shipments s
         WHERE sh.case_ref = p.case_ref AND l.case_ref = sh.case_ref AND s.shipment_id = sh.shipment_id
           AND l.released_at IS NOT NULL AND (p.event_time < ? OR (%s AND s.updated_at < ?))""".formatted(JourneySql.ENDED))) {
      ps.setTimestamp(1, Timestamp.from(positionsCutoff));
      ps.setTimestamp(2, Timestamp.from(endedCutoff));
      return ps.executeUpdate();
    }
  }

  /** Locks the shipment's row (holds and releases of one shipment take turns); its plates, empty when there is none. */
  private Optional<List<String>> lockShipment(Connection c, String shipmentId) throws SQLException {
    return ShipmentPlates.lock(c, protector, shipmentId);
  }

  /** Refuses {@code value} when it names one of {@code plates}, however spaced or cased. */
  static void notNaming(List<String> plates, String field, String value) {
    if (ShipmentPlates.names(plates, value)) {
      throw new HoldRefusal(HoldRefusal.Kind.INVALID, field, "must not contain a plate of the shipment");
    }
  }

  private Optional<Hold> find(Connection c, String ref) throws SQLException {
    List<Hold> found = select(c, "sh.case_ref = ?", ref);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
  }

  private List<Hold> select(String where, String param) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return select(c, where, param);
    }
  }

  private static List<Hold> select(Connection c, String where, String param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT sh.shipment_id, sh.customs_case, l.opened_at, l.opened_by, l.reason, l.released_at, l.released_by,
               (SELECT count(*) FROM held_positions p WHERE p.case_ref = sh.case_ref)
          FROM shipment_holds sh JOIN legal_holds l USING (case_ref)
         WHERE %s ORDER BY l.opened_at DESC, sh.customs_case""".formatted(where))) {
      if (param != null) {
        ps.setString(1, param);
      }
      List<Hold> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp released = rs.getTimestamp(6);
          out.add(new Hold(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
              rs.getString(5), released == null ? null : released.toInstant(), rs.getString(7), rs.getLong(8)));
        }
      }
      return out;
    }
  }
}
