package io.corridor.rules.violations;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The review life cycle as one explicit table: (status, action) → next status. Every check of a
 * step goes through {@link #next}; a pair not in the table is an illegal step (409 with the
 * current status).
 */
public final class ReviewTransitions {

  private static final Map<ViolationStatus, Map<ReviewAction, ViolationStatus>> TABLE = new EnumMap<>(ViolationStatus.class);

  static {
    step(ViolationStatus.PENDING, ReviewAction.CONFIRM, ViolationStatus.CONFIRMED);
    step(ViolationStatus.PENDING, ReviewAction.DISMISS, ViolationStatus.DISMISSED);
    // A second officer may still reject a confirmed violation instead of issuing it.
    step(ViolationStatus.CONFIRMED, ReviewAction.DISMISS, ViolationStatus.DISMISSED);
    step(ViolationStatus.CONFIRMED, ReviewAction.ISSUE, ViolationStatus.ISSUED);
    step(ViolationStatus.ISSUED, ReviewAction.CLOSE, ViolationStatus.CLOSED);
  }

  private ReviewTransitions() {}

  private static void step(ViolationStatus from, ReviewAction action, ViolationStatus to) {
    TABLE.computeIfAbsent(from, s -> new EnumMap<>(ReviewAction.class)).put(action, to);
  }

  /** The status {@code action} leads to from {@code from}, or empty when the step is illegal. */
  public static Optional<ViolationStatus> next(ViolationStatus from, ReviewAction action) {
    return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(action));
  }
}
