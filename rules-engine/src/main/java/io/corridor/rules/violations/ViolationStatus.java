package io.corridor.rules.violations;

import java.util.Locale;

/** Where a violation stands in the officers' review. */
public enum ViolationStatus {
  /** Found by a rule, not yet reviewed. */
  PENDING,
  /** An officer checked the evidence and confirmed it. */
  CONFIRMED,
  /** An officer rejected it with a reason code; final. */
  DISMISSED,
  /** A notice was issued (reference number); its frames are under legal hold. */
  ISSUED,
  /** The case is over (paid, decided); the legal hold on its frames ends. */
  CLOSED;

  /** The stored and JSON form, e.g. {@code pending}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #code()}. */
  public static ViolationStatus parse(String code) {
    for (ViolationStatus s : values()) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status '" + code + "'; one of pending, confirmed, dismissed, issued, closed");
  }
}
