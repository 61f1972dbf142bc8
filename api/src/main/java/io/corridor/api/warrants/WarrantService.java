package io.corridor.api.warrants;

import io.corridor.api.BadRequest;
import io.corridor.api.JsonFields;
import io.corridor.api.Plates;
import io.corridor.api.Refused;
import io.corridor.platform.auth.Role;
import io.corridor.storage.AuditLog;
import io.corridor.storage.PlateProtector;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Requests and moves warrants through {@link WarrantTransitions}: an analyst asks, an approver who
 * is not the requester approves or rejects with a note, a window reaching past the open tier needs
 * a second, different approver, and an approver or the requester may revoke. Every step is
 * recorded and audited. Blocking.
 */
public final class WarrantService {

  /** Most plates or cameras one warrant may name. */
  public static final int MAX_SCOPE_ITEMS = 1000;

  private final WarrantRepository repository;
  private final PlateProtector protector;
  private final Duration openTier;
  private final Clock clock;

  /**
   * @param openTier how far back from the request (and how long) a window may reach with one approval
   */
  public WarrantService(WarrantRepository repository, PlateProtector protector, Duration openTier, Clock clock) {
    this.repository = repository;
    this.protector = protector;
    this.openTier = openTier;
    this.clock = clock;
  }

  /** Stores the request {@code body} of analyst {@code requester}. */
  public Warrant request(String requester, JsonObject body) throws SQLException {
    Instant now = now();
    String caseId = JsonFields.text(body, "caseId");
    String legalBasis = JsonFields.text(body, "legalBasis");
    String purpose = JsonFields.text(body, "purpose");
    Instant[] window = JsonFields.window(body);
    Instant expiresAt = JsonFields.instant(body, "expiresAt");
    if (!expiresAt.isAfter(now)) {
      throw new BadRequest("expiresAt", "expiresAt must be in the future");
    }
    JsonObject scope = body.getValue("scope") instanceof JsonObject s ? s : null;
    if (scope == null) {
      throw new BadRequest("scope", "scope is required: {plates?, cameras?, area?} with at least one of them");
    }
    Set<String> plates = new LinkedHashSet<>();
    JsonFields.texts(scope, "plates").forEach(p -> plates.add(Plates.normalize(p, "scope.plates")));
    Set<String> cameras = new LinkedHashSet<>(JsonFields.texts(scope, "cameras"));
    Area area = scope.getValue("area") == null ? null : Area.parse(scope.getValue("area"), "scope.area");
    if (plates.isEmpty() && cameras.isEmpty() && area == null) {
      throw new BadRequest("scope", "scope must name plates, cameras or an area");
    }
    if (plates.size() > MAX_SCOPE_ITEMS || cameras.size() > MAX_SCOPE_ITEMS) {
      throw new BadRequest("scope", "scope may name at most " + MAX_SCOPE_ITEMS + " plates and " + MAX_SCOPE_ITEMS + " cameras");
    }
    List<byte[]> hashes = new ArrayList<>();
    List<byte[]> ciphertexts = new ArrayList<>();
    plates.forEach(p -> {
      hashes.add(protector.hash(p));
      ciphertexts.add(protector.encrypt(p));
    });
    int approvals = needsSecondApproval(window[0], window[1], now) ? 2 : 1;
    UUID id = UUID.randomUUID();
    Warrant.Transition first = new Warrant.Transition(1, "request", null, WarrantState.REQUESTED, requester,
        Role.ANALYST.claim(), now, purpose);
    Warrant warrant = new Warrant(id, caseId, legalBasis, purpose, requester, now, window[0], window[1],
        expiresAt.truncatedTo(ChronoUnit.MICROS), hashes, ciphertexts, cameras, area, approvals, WarrantState.REQUESTED, 0,
        List.of(first), null);
    repository.insert(warrant, new AuditLog.Entry(requester, Role.ANALYST.claim(), "warrant.request", "warrant " + id, 0,
        "case " + caseId + "; approvals needed " + approvals, id.toString(), purpose, scopeParams(warrant).encode(), null));
    return warrant;
  }

  /**
   * Whether a window needs a second approval: it starts before the open tier (counted back from
   * now) or is longer than the open tier.
   */
  public boolean needsSecondApproval(Instant from, Instant to, Instant now) {
    return from.isBefore(now.minus(openTier)) || Duration.between(from, to).compareTo(openTier) > 0;
  }

  /** Takes {@code action} on warrant {@code id} as {@code actor} acting in {@code role}. */
  public Warrant act(UUID id, WarrantAction action, String actor, Role role, JsonObject body) throws SQLException {
    String note = JsonFields.text(body, "note");
    for (int attempt = 0; attempt < 3; attempt++) {
      Warrant current = get(id);
      Warrant next = step(current, action, actor, role, note);
      AuditLog.Entry entry = new AuditLog.Entry(actor, role.claim(), "warrant." + action.path(), "warrant " + id, 0,
          current.state() + " -> " + next.state(), id.toString(), note, null, null);
      if (repository.update(next, entry)) {
        return next;
      }
    }
    throw new Refused(409, "concurrent_change", "warrant " + id + " is being changed by someone else; reload and retry");
  }

  /** The warrant {@code id}, or 404. */
  public Warrant get(UUID id) throws SQLException {
    return find(id).orElseThrow(() -> new Refused(404, "no_such_warrant", "no warrant " + id));
  }

  /** The warrant {@code id}, if it exists. */
  public Optional<Warrant> find(UUID id) throws SQLException {
    return repository.find(id);
  }

  /** The warrant {@code id} with, of its plates, only {@code plateHash} (none when null): for scope checks. */
  public Optional<Warrant> findForQuery(UUID id, byte[] plateHash) throws SQLException {
    return repository.findForQuery(id, plateHash);
  }

  private Warrant step(Warrant w, WarrantAction action, String actor, Role role, String note) {
    Instant now = now();
    if (action == WarrantAction.APPROVE && w.caseClosedAt() != null) {
      throw new Refused(409, "case_closed", "case " + w.caseId() + " was closed at " + w.caseClosedAt()
          + "; no warrant of it can be approved");
    }
    if (action != WarrantAction.REVOKE && w.expiredAt(now)) {
      throw new Refused(409, "expired", "warrant " + w.id() + " expired at " + w.expiresAt() + "; it can only be revoked");
    }
    boolean last = w.approvers().size() + 1 >= w.approvalsNeeded();
    WarrantTransitions.Step step = WarrantTransitions.find(w.state(), action, last).orElseThrow(() -> new Refused(409,
        "illegal_transition", "warrant " + w.id() + " is " + w.state() + "; " + action.path() + " is not possible from there"));
    if (!step.roles().contains(role)) {
      throw new Refused(403, "role_not_allowed", action.path() + " needs the role " + step.roles());
    }
    if (action != WarrantAction.REVOKE && actor.equals(w.requestedBy())) {
      throw new Refused(403, "self_approval", "the requester of a warrant cannot " + action.path() + " it");
    }
    if (action == WarrantAction.APPROVE && w.approvers().contains(actor)) {
      throw new Refused(403, "same_approver", "the second approval must come from another approver");
    }
    if (action == WarrantAction.REVOKE && role == Role.ANALYST && !actor.equals(w.requestedBy())) {
      throw new Refused(403, "not_requester", "an analyst may revoke only warrants they requested");
    }
    return w.with(step.to(), new Warrant.Transition(w.transitions().size() + 1, action.path(), w.state(), step.to(),
        actor, role.claim(), now, note));
  }

  /** The warrant as its requester, approvers and auditors see it; plates only when {@code showPlates}. */
  public JsonObject toJson(Warrant w, boolean showPlates) {
    JsonObject scope = new JsonObject().put("cameras", new JsonArray(List.copyOf(w.cameras())))
        .put("plateCount", w.plateHashes().size());
    if (showPlates) {
      JsonArray plates = new JsonArray();
      w.plateCiphertexts().forEach(ct -> plates.add(protector.decrypt(ct)));
      scope.put("plates", plates);
    }
    if (w.area() != null) {
      scope.put("area", w.area().points());
    }
    JsonArray steps = new JsonArray();
    w.transitions().forEach(t -> steps.add(new JsonObject().put("step", t.step()).put("action", t.action())
        .put("from", t.from() == null ? null : t.from().name()).put("to", t.to().name()).put("actor", t.actor())
        .put("role", t.role()).put("at", t.at().toString()).put("note", t.note())));
    return new JsonObject().put("id", w.id().toString()).put("caseId", w.caseId()).put("legalBasis", w.legalBasis())
        .put("purpose", w.purpose()).put("requestedBy", w.requestedBy()).put("requestedAt", w.requestedAt().toString())
        .put("from", w.windowFrom().toString()).put("to", w.windowTo().toString())
        .put("expiresAt", w.expiresAt().toString()).put("expired", w.expiredAt(clock.instant()))
        .put("approvalsNeeded", w.approvalsNeeded()).put("state", w.state().name())
        .put("caseClosedAt", w.caseClosedAt() == null ? null : w.caseClosedAt().toString()).put("scope", scope)
        .put("transitions", steps);
  }

  /** The warrant's scope for an audit row: plates only as blind index. */
  static JsonObject scopeParams(Warrant w) {
    JsonArray hashes = new JsonArray();
    w.plateHashes().forEach(h -> hashes.add(HexFormat.of().formatHex(h)));
    return new JsonObject().put("plateHashes", hashes).put("cameras", new JsonArray(List.copyOf(w.cameras())))
        .put("area", w.area() == null ? null : w.area().points()).put("from", w.windowFrom().toString())
        .put("to", w.windowTo().toString()).put("expiresAt", w.expiresAt().toString());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
