package io.corridor.api.queries;

import io.corridor.api.Refused;

/** Why a query under a warrant is refused (403); {@link #code()} is the answer's {@code error}. */
public enum Refusal {
  NO_WARRANT("no_warrant"),
  NOT_APPROVED("not_approved"),
  SECOND_APPROVAL_MISSING("second_approval_missing"),
  REVOKED("revoked"),
  EXPIRED("expired"),
  CASE_CLOSED("case_closed"),
  WINDOW_OUTSIDE_WARRANT("window_outside_warrant"),
  PLATE_OUTSIDE_SCOPE("plate_outside_scope"),
  CAMERA_OUTSIDE_SCOPE("camera_outside_scope"),
  AREA_OUTSIDE_SCOPE("area_outside_scope");

  private final String code;

  Refusal(String code) {
    this.code = code;
  }

  /** The machine-readable code. */
  public String code() {
    return code;
  }

  /** The 403 refusal with {@code reason} for people. */
  public Refused because(String reason) {
    return new Refused(403, code, reason);
  }
}
