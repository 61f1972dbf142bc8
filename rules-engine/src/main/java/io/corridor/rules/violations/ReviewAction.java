package io.corridor.rules.violations;

import java.util.Locale;

/** What an officer does to a violation; each is one {@code POST /v1/violations/{id}/<action>}. */
public enum ReviewAction {
  /** Body {@code {"note"}}. */
  CONFIRM,
  /** Body {@code {"reasonCode", "note"}}; the code from the configured list. */
  DISMISS,
  /** Body {@code {"reference"}}; only by an officer other than the one who confirmed. */
  ISSUE,
  /** Body {@code {"note"}}: the case is over and the legal hold ends. */
  CLOSE;

  /** The path segment, e.g. {@code confirm}. */
  public String path() {
    return name().toLowerCase(Locale.ROOT);
  }
}
