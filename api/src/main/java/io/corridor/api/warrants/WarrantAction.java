package io.corridor.api.warrants;

import java.util.Locale;

/** What a user may do to a warrant ({@code POST /v1/warrants/{id}/<action>}). */
public enum WarrantAction {
  APPROVE, REJECT, REVOKE;

  /** The path segment, e.g. {@code approve}. */
  public String path() {
    return name().toLowerCase(Locale.ROOT);
  }
}
