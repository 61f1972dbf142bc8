package io.corridor.api.warrants;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Walks the whole transition table: every (state, action) pair is either in the table or illegal. */
class WarrantTransitionsTest {

  @Test
  void everyPairIsDecidedByTheTable() {
    for (WarrantState state : WarrantState.values()) {
      for (WarrantAction action : WarrantAction.values()) {
        for (boolean last : new boolean[] {true, false}) {
          Optional<WarrantTransitions.Step> step = WarrantTransitions.find(state, action, last);
          boolean legal = switch (state) {
            case REQUESTED -> true;
            case PARTLY_APPROVED -> action != WarrantAction.APPROVE || last;
            case APPROVED -> action == WarrantAction.REVOKE;
            case REJECTED, REVOKED -> false;
          };
          assertThat(step.isPresent()).as(state + " x " + action + " last=" + last).isEqualTo(legal);
        }
      }
    }
  }

  @Test
  void approvalsLeadToTheRightState() {
    assertThat(WarrantTransitions.find(WarrantState.REQUESTED, WarrantAction.APPROVE, true).orElseThrow().to())
        .isEqualTo(WarrantState.APPROVED);
    assertThat(WarrantTransitions.find(WarrantState.REQUESTED, WarrantAction.APPROVE, false).orElseThrow().to())
        .isEqualTo(WarrantState.PARTLY_APPROVED);
    assertThat(WarrantTransitions.find(WarrantState.PARTLY_APPROVED, WarrantAction.APPROVE, true).orElseThrow().to())
        .isEqualTo(WarrantState.APPROVED);
  }

  @Test
  void onlyApproversApproveOrRejectAndAnalystsMayRevoke() {
    for (WarrantTransitions.Step step : WarrantTransitions.TABLE) {
      if (step.action() == WarrantAction.REVOKE) {
        assertThat(step.roles()).isEqualTo(EnumSet.of(Role.APPROVER, Role.ANALYST));
      } else {
        assertThat(step.roles()).containsExactly(Role.APPROVER);
      }
    }
  }
}
