package io.corridor.api.warrants;

/** Where a warrant stands. Whether it has expired is a matter of time, not of state. */
public enum WarrantState {
  /** Asked for by an analyst; no approval yet. */
  REQUESTED,
  /** Approved once; its scope or window reaches past the open tier, so a second approver must agree. */
  PARTLY_APPROVED,
  /** Approved as often as needed: queries may run under it until it expires. */
  APPROVED,
  /** Refused by an approver. Final. */
  REJECTED,
  /** Withdrawn by an approver or the requester. Final. */
  REVOKED
}
