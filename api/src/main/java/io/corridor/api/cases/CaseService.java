package io.corridor.api.cases;

import io.corridor.api.BadRequest;
import io.corridor.api.JsonFields;
import io.corridor.api.Refused;
import io.corridor.api.hold.HoldService;
import io.corridor.platform.auth.Role;
import io.corridor.storage.AuditLog;
import io.corridor.storage.hold.LegalHolds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Closes a case: an approver records its outcome and a note; in one transaction the case is marked
 * closed, its legal hold ({@code case:<caseId>}) is released (frames get the evidence retention
 * from now, read copies expire under the read retention) and the close is audited. From then on
 * no query, hold or approval runs under any warrant of the case. Blocking.
 */
public final class CaseService {

  /** How a case may end. */
  public static final Set<String> OUTCOMES = Set.of("convicted", "acquitted", "discontinued", "no_further_action",
      "transferred", "other");

  private final DataSource dataSource;
  private final LegalHolds holds;
  private final AuditLog audit;
  private final Clock clock;

  /** Closes cases in {@code dataSource}, releasing through {@code holds}, auditing in {@code audit}. */
  public CaseService(DataSource dataSource, LegalHolds holds, AuditLog audit, Clock clock) {
    this.dataSource = dataSource;
    this.holds = holds;
    this.audit = audit;
    this.clock = clock;
  }

  /** {@code POST /v1/cases/{caseId}/close}: {@code {outcome, note}}. */
  public JsonObject close(String approver, String caseId, JsonObject body) throws SQLException {
    String outcome = JsonFields.text(body, "outcome");
    if (!OUTCOMES.contains(outcome)) {
      throw new BadRequest("outcome", "outcome must be one of " + new java.util.TreeSet<>(OUTCOMES));
    }
    String note = JsonFields.text(body, "note");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        CaseRows.Case found = CaseRows.find(c, caseId, " FOR UPDATE")
            .orElseThrow(() -> new Refused(404, "no_such_case", "no case " + caseId + " (a case opens with its first warrant)"));
        if (found.closed()) {
          throw CaseRows.closed(found);
        }
        CaseRows.close(c, caseId, approver, now, outcome, note);
        String reason = "case " + caseId + " closed (" + outcome + "): " + note;
        int released = holds.release(c, HoldService.caseRef(caseId), new LegalHolds.Actor(approver, Role.APPROVER.claim(),
            reason));
        List<String> warrants = CaseRows.warrants(c, caseId);
        audit.append(c, new AuditLog.Entry(approver, Role.APPROVER.claim(), "case.close", "case " + caseId, warrants.size(),
            "outcome " + outcome + "; held reads released: " + Math.max(0, released), null, note, null, warrants));
        c.commit();
        return new JsonObject().put("caseId", caseId).put("state", "closed").put("closedAt", now.toString())
            .put("closedBy", approver).put("outcome", outcome).put("note", note)
            .put("holdReleased", released >= 0).put("releasedReads", Math.max(0, released))
            .put("warrants", new JsonArray(warrants));
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
