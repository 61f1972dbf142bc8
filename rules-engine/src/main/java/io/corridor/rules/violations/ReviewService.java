package io.corridor.rules.violations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Applies officers' review steps. Every step is checked against {@link ReviewTransitions} under a
 * row lock on the violation, recorded with who, when and why, and applied in one transaction;
 * issuing needs a confirmation by a different officer (the second-officer check). Blocking.
 */
public final class ReviewService {

  private static final int MAX_TEXT = 2000;

  private final DataSource dataSource;
  private final ViolationStore store;
  private final DismissReasons reasons;
  private final Duration evidenceRetention;
  private final Clock clock;

  /**
   * @param evidenceRetention how long frames stay kept after the legal hold of a closed case ends
   */
  public ReviewService(DataSource dataSource, ViolationStore store, DismissReasons reasons, Duration evidenceRetention,
      Clock clock) {
    this.dataSource = dataSource;
    this.store = store;
    this.reasons = reasons;
    this.evidenceRetention = evidenceRetention;
    this.clock = clock;
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
          LegalHold.hold(c, id);
        } else if (to == ViolationStatus.CLOSED) {
          LegalHold.release(c, id, at.plus(evidenceRetention));
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
