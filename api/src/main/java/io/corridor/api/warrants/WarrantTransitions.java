package io.corridor.api.warrants;

import io.corridor.platform.auth.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The warrant life cycle as one table: state × action (× whether this approval is the last one
 * needed) → next state, and which roles may take the step. Every step not in the table is illegal
 * (409 with the current state). Who-rules that need the warrant itself (no self-approval, two
 * different approvers) are checked by {@link WarrantService}.
 */
public final class WarrantTransitions {

  /**
   * One legal step.
   *
   * @param lastApproval for APPROVE: whether the step applies when this approval completes the
   *     number needed (true) or leaves one more to go (false); ignored for other actions
   */
  public record Step(WarrantState from, WarrantAction action, boolean lastApproval, WarrantState to, Set<Role> roles) {}

  /** The table. */
  public static final List<Step> TABLE = List.of(
      new Step(WarrantState.REQUESTED, WarrantAction.APPROVE, true, WarrantState.APPROVED, Set.of(Role.APPROVER)),
      new Step(WarrantState.REQUESTED, WarrantAction.APPROVE, false, WarrantState.PARTLY_APPROVED, Set.of(Role.APPROVER)),
      new Step(WarrantState.PARTLY_APPROVED, WarrantAction.APPROVE, true, WarrantState.APPROVED, Set.of(Role.APPROVER)),
      new Step(WarrantState.REQUESTED, WarrantAction.REJECT, false, WarrantState.REJECTED, Set.of(Role.APPROVER)),
      new Step(WarrantState.PARTLY_APPROVED, WarrantAction.REJECT, false, WarrantState.REJECTED, Set.of(Role.APPROVER)),
      new Step(WarrantState.REQUESTED, WarrantAction.REVOKE, false, WarrantState.REVOKED, Set.of(Role.APPROVER, Role.ANALYST)),
      new Step(WarrantState.PARTLY_APPROVED, WarrantAction.REVOKE, false, WarrantState.REVOKED,
          Set.of(Role.APPROVER, Role.ANALYST)),
      new Step(WarrantState.APPROVED, WarrantAction.REVOKE, false, WarrantState.REVOKED, Set.of(Role.APPROVER, Role.ANALYST)));

  private WarrantTransitions() {}

  /** The step for {@code action} on a warrant in {@code from}; empty when illegal. */
  public static Optional<Step> find(WarrantState from, WarrantAction action, boolean lastApproval) {
    return TABLE.stream()
        .filter(s -> s.from() == from && s.action() == action
            && (action != WarrantAction.APPROVE || s.lastApproval() == lastApproval))
        .findFirst();
  }
}
