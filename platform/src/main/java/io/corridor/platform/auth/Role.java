package io.corridor.platform.auth;

import java.util.Locale;

/** Who a user is to Corridor; carried in the token's {@code roles} claim. */
public enum Role {
  /** Traffic police: alerts and the violation review queue. */
  OFFICER,
  /** Customs: shipments and their alerts. */
  CUSTOMS,
  /** Analysts: movement queries, only under a warrant. */
  ANALYST,
  /** Approvers: approve or reject analysts' warrants (never their own). */
  APPROVER,
  /** Auditors and the data-protection authority: the audit trail. */
  AUDITOR,
  /** Operators: devices, hotlists, health. */
  OPERATOR;

  /** The claim value, e.g. {@code officer}. */
  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a claim value or command-line name. */
  public static Role parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role '" + value + "'; one of officer, customs, analyst, approver, auditor, operator");
    }
  }
}
