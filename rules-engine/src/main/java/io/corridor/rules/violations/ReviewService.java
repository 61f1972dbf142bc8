package io.corridor.rules.violations;

import io.corridor.platform.auth.Role;
import io.corridor.storage.hold.LegalHolds;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Applies officers' review steps. Every step is checked against {@link ReviewTransitions} under a
 * row lock on the violation, recorded with who, when and why, and applied in one transaction;
 * issuing needs a confirmation by a different officer (the second-officer check). Issuing places the
 * violation's reads and frames under its legal hold ({@link LegalHolds}, {@code violation:<id>});
 * closing, the only step out of issued, releases it. Blocking.
 */
public final class ReviewService {

  private static final int MAX_TEXT = 2000;

  private final DataSource dataSource;
  private final ViolationStore store;
  private final DismissReasons reasons;
  private final LegalHolds holds;
  private final Clock clock;

  /**
   * @param holds the legal hold an issued violation's reads and frames are placed under until it is closed
   */
  public ReviewService(DataSource dataSource, ViolationStore store, DismissReasons reasons, LegalHolds holds, Clock clock) {
    this.dataSource = dataSource;
    this.store = store;
    this.reasons = reasons;
    this.holds = holds;
    this.clock = clock;
  }

  /** The legal-hold case reference of violation {@code id}. */
  public static String caseRef(String id) {
    return "violation:" + id;
  }

  /**
   * Takes {@code request}'s step on violation {@code id}.
   *
   * @return the violation after the step
   * @throws ReviewException 400 for a bad body, 404 for no such violation, 409 for an illegal step
   */
  public ViolationRecord apply(String id, ReviewRequest request) throws SQLException {
    validate(request);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        ViolationRecord before = store.find(c, id, true);
        if (before == null) {
          throw ReviewException.notFound(id);
        }
        ViolationStatus to = ReviewTransitions.next(before.status(), request.action())
            .orElseThrow(() -> ReviewException.conflict(before.status(),
                "cannot " + request.action().path() + " a violation that is " + before.status().code()));
        if (request.action() == ReviewAction.ISSUE) {
          requireSecondOfficer(before, request.officer());
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ReviewLog.append(c, id, new ReviewStep(before.steps().size() + 1, request.action().path(), before.status(), to,
            request.officer(), at, request.reasonCode(), request.note(), request.reference()));
        update(c, id, to, request, at);
        if (to == ViolationStatus.ISSUED) {
          holdEvidence(c, before, request);
        } else if (to == ViolationStatus.CLOSED) {
          holds.release(c, caseRef(id), new LegalHolds.Actor(request.officer(), Role.OFFICER.claim(),
              "violation " + id + " closed" + (request.note() == null ? "" : ": " + request.note())));
        }
        ViolationRecord after = store.find(c, id, false);
        c.commit();
        return after;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Issuing places the reads the violation rests on, and the frames they name, under the
   * violation's legal hold in the step's own transaction. The frames are taken from the
   * violation's copies of its reads too, so they are held even if a read left {@code plate_reads}.
   */
  private void holdEvidence(Connection c, ViolationRecord v, ReviewRequest request) throws SQLException {
    List<String> readIds = new ArrayList<>();
    List<LegalHolds.Frame> frames = new ArrayList<>();
    for (JsonObject read : v.reads()) {
      readIds.add(read.getString("id"));
      read.getJsonArray("frameIds").forEach(f -> frames.add(new LegalHolds.Frame(read.getString("deviceId"), (String) f)));
    }
    holds.hold(c, caseRef(v.id()), readIds, frames, new LegalHolds.Actor(request.officer(), Role.OFFICER.claim(),
        "violation " + v.id() + " issued, reference " + request.reference().trim()));
  }

  private static void requireSecondOfficer(ViolationRecord v, String officer) {
    String confirmer = v.steps().stream().filter(s -> s.to() == ViolationStatus.CONFIRMED).reduce((a, b) -> b)
        .map(ReviewStep::actor).orElse(null);
    if (officer.equals(confirmer)) {
      throw new ReviewException(409, "second_officer_required", null, v.status(),
          "the officer who confirmed a violation cannot issue it; a different officer must");
    }
  }

  private void validate(ReviewRequest r) {
    text("note", r.note());
    text("reference", r.reference());
    if (r.action() == ReviewAction.DISMISS) {
      reasons.check(r.reasonCode(), r.note());
    } else if (r.reasonCode() != null) {
      throw ReviewException.invalid("reasonCode", "only a dismissal takes a reason code");
    }
    if (r.action() == ReviewAction.ISSUE && (r.reference() == null || r.reference().isBlank())) {
      throw ReviewException.invalid("reference", "issuing needs the notice's reference number");
    }
    if (r.action() != ReviewAction.ISSUE && r.reference() != null) {
      throw ReviewException.invalid("reference", "only issuing takes a reference");
    }
  }

  private static void text(String field, String value) {
    if (value != null && value.length() > MAX_TEXT) {
      throw ReviewException.invalid(field, "at most " + MAX_TEXT + " characters");
    }
  }

  private static void update(Connection c, String id, ViolationStatus to, ReviewRequest r, Instant at) throws SQLException {
    boolean issue = to == ViolationStatus.ISSUED;
    try (PreparedStatement ps = c.prepareStatement("UPDATE violations SET status = ?, updated_at = ?"
        + (issue ? ", reference = ?, issued_at = ?" : "") + " WHERE violation_id = ?")) {
      int i = 1;
      ps.setString(i++, to.code());
      ps.setTimestamp(i++, Timestamp.from(at));
      if (issue) {
        ps.setString(i++, r.reference().trim());
        ps.setTimestamp(i++, Timestamp.from(at));
      }
      ps.setObject(i, UUID.fromString(id));
      ps.executeUpdate();
    }
  }
}
