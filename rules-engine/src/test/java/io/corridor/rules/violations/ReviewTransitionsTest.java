package io.corridor.rules.violations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Walks the whole review table: every (status, action) pair, legal or not. */
class ReviewTransitionsTest {

  @Test
  void everyPairOfStatusAndActionHasTheExpectedOutcome() {
    Map<ViolationStatus, Map<ReviewAction, ViolationStatus>> expected = new EnumMap<>(ViolationStatus.class);
    expected.put(ViolationStatus.PENDING, Map.of(ReviewAction.CONFIRM, ViolationStatus.CONFIRMED,
        ReviewAction.DISMISS, ViolationStatus.DISMISSED));
    expected.put(ViolationStatus.CONFIRMED, Map.of(ReviewAction.ISSUE, ViolationStatus.ISSUED,
        ReviewAction.DISMISS, ViolationStatus.DISMISSED));
    expected.put(ViolationStatus.ISSUED, Map.of(ReviewAction.CLOSE, ViolationStatus.CLOSED));
    expected.put(ViolationStatus.DISMISSED, Map.of());
    expected.put(ViolationStatus.CLOSED, Map.of());
    int legal = 0;
    for (ViolationStatus from : ViolationStatus.values()) {
      for (ReviewAction action : ReviewAction.values()) {
        ViolationStatus to = expected.get(from).get(action);
        assertThat(ReviewTransitions.next(from, action)).as(from + " × " + action).isEqualTo(java.util.Optional.ofNullable(to));
        legal += to == null ? 0 : 1;
      }
    }
    assertThat(legal).isEqualTo(5);
  }

  @Test
  void pendingCannotBeIssuedWithoutAConfirmation() {
    assertThat(ReviewTransitions.next(ViolationStatus.PENDING, ReviewAction.ISSUE)).isEmpty();
  }

  @Test
  void dismissalReasonsComeFromTheConfiguredListAndOtherNeedsANote() {
    DismissReasons reasons = DismissReasons.parse(DismissReasons.DEFAULT);
    reasons.check("plate_misread", null);
    reasons.check("other", "vehicle was towed");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reasons.check("other", " "))
        .isInstanceOf(ReviewException.class).hasMessageContaining("note");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reasons.check("bored", null))
        .isInstanceOf(ReviewException.class).hasMessageContaining("unknown reason code 'bored'");
    assertThat(reasons.codes()).contains("unreadable_plate", "emergency_vehicle", "wrong_vehicle_class",
        "equipment_fault", "duplicate");
  }
}
