package io.corridor.api.warrants;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A warrant: who asked, on what legal basis and for what purpose, what it covers (plates as blind
 * index and ciphertext, cameras, an area), the time window it opens, when it expires, how many
 * approvals it needs and every step it went through; {@code caseClosedAt} when its case was closed
 * (null while the case is open): nothing more runs under a warrant of a closed case.
 */
public record Warrant(UUID id, String caseId, String legalBasis, String purpose, String requestedBy, Instant requestedAt,
    Instant windowFrom, Instant windowTo, Instant expiresAt, List<byte[]> plateHashes, List<byte[]> plateCiphertexts,
    Set<String> cameras, Area area, int approvalsNeeded, WarrantState state, int version, List<Transition> transitions,
    Instant caseClosedAt) {

  /**
   * One recorded step.
   *
   * @param from the state before; null for the request itself
   */
  public record Transition(int step, String action, WarrantState from, WarrantState to, String actor, String role,
      Instant at, String note) {}

  /** The approvers who approved it so far. */
  public Set<String> approvers() {
    Set<String> approvers = new HashSet<>();
    transitions.stream().filter(t -> t.action().equals(WarrantAction.APPROVE.path())).forEach(t -> approvers.add(t.actor()));
    return approvers;
  }

  /** Whether it has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** A copy in {@code next} state with one more step recorded. */
  public Warrant with(WarrantState next, Transition step) {
    List<Transition> steps = new java.util.ArrayList<>(transitions);
    steps.add(step);
    return new Warrant(id, caseId, legalBasis, purpose, requestedBy, requestedAt, windowFrom, windowTo, expiresAt,
        plateHashes, plateCiphertexts, cameras, area, approvalsNeeded, next, version + 1, List.copyOf(steps), caseClosedAt);
  }
}
