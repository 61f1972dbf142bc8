package io.corridor.api.hold;

import io.corridor.api.BadRequest;
import io.corridor.api.JsonFields;
import io.corridor.api.cases.CaseRows;
import io.corridor.api.Refused;
import io.corridor.api.queries.Refusal;
import io.corridor.api.queries.WarrantCheck;
import io.corridor.api.warrants.Warrant;
import io.corridor.api.warrants.WarrantService;
import io.corridor.platform.auth.Role;
import io.corridor.storage.hold.LegalHolds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Legal hold for warrant cases: the analyst marks reads that were disclosed to them under an
 * approved, unexpired warrant of theirs whose case is open, and they are held for the warrant's
 * case ({@code case:<caseId>}); the hold is released when an approver closes the case
 * ({@link io.corridor.api.cases.CaseService}). A revoked warrant takes no more marks, but what it
 * already held stays held until the case closes. Blocking.
 */
public final class HoldService {

  /** The case reference of a warrant's case. */
  public static String caseRef(String caseId) {
    return "case:" + caseId;
  }

  private final LegalHolds holds;
  private final WarrantService warrants;
  private final DataSource dataSource;
  private final Clock clock;

  /** Holds through {@code holds} for warrants of {@code warrants}. */
  public HoldService(LegalHolds holds, WarrantService warrants, DataSource dataSource, Clock clock) {
    this.holds = holds;
    this.warrants = warrants;
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** {@code POST /v1/holds}: {@code {warrantId, readIds, justification}}. */
  public JsonObject hold(String analyst, JsonObject body) throws SQLException {
    UUID warrantId;
    try {
      warrantId = UUID.fromString(JsonFields.text(body, "warrantId"));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("warrantId", "warrantId must be a warrant's id (a UUID)");
    }
    String justification = JsonFields.text(body, "justification");
    List<String> readIds = JsonFields.texts(body, "readIds");
    if (readIds.isEmpty() || readIds.size() > 10_000) {
      throw new BadRequest("readIds", "readIds must name 1 to 10000 reads");
    }
    readIds.forEach(id -> {
      try {
        UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        throw new BadRequest("readIds", "read id '" + id + "' is not a UUID");
      }
    });
    Warrant w = warrants.findForQuery(warrantId, null).orElseThrow(() -> Refusal.NO_WARRANT.because("no warrant " + warrantId));
    WarrantCheck.usable(w, analyst, clock.instant(), w.windowFrom(), w.windowTo());
    Set<String> disclosed = disclosedUnder(warrantId, readIds);
    List<String> foreign = readIds.stream().filter(id -> !disclosed.contains(id)).toList();
    if (!foreign.isEmpty()) {
      throw new Refused(403, "not_disclosed_under_warrant",
          foreign.size() + " of the reads were never returned under warrant " + warrantId + ", e.g. " + foreign.getFirst());
    }
    String ref = caseRef(w.caseId());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        CaseRows.requireOpen(c, w.caseId());
        List<String> held = holds.hold(c, ref, readIds, List.of(),
            new LegalHolds.Actor(analyst, Role.ANALYST.claim(), "warrant " + warrantId + ": " + justification));
        c.commit();
        return new JsonObject().put("caseRef", ref).put("held", new JsonArray(held));
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** {@code GET /v1/holds}. */
  public JsonObject list() throws SQLException {
    JsonArray items = new JsonArray();
    for (LegalHolds.Hold h : holds.list()) {
      items.add(new JsonObject().put("caseRef", h.caseRef()).put("openedAt", h.openedAt().toString())
          .put("openedBy", h.openedBy()).put("reason", h.reason())
          .put("releasedAt", h.releasedAt() == null ? null : h.releasedAt().toString())
          .put("releasedBy", h.releasedBy()).put("reads", h.reads()).put("frames", h.frames()));
    }
    return new JsonObject().put("items", items);
  }

  /** Which of {@code readIds} the audit trail shows as returned by a query under the warrant. */
  private Set<String> disclosedUnder(UUID warrantId, List<String> readIds) throws SQLException {
    Set<String> found = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            SELECT DISTINCT id FROM audit_log, unnest(record_ids) AS id
             WHERE warrant_id = ? AND action LIKE 'query.%' AND record_ids && ?::text[] AND id = ANY (?::text[])""")) {
      java.sql.Array ids = c.createArrayOf("text", new ArrayList<>(readIds).toArray());
      ps.setString(1, warrantId.toString());
      ps.setArray(2, ids);
      ps.setArray(3, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
    return found;
  }
}
