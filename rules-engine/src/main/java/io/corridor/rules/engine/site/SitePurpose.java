package io.corridor.rules.engine.site;

import java.util.Locale;

/**
 * Why a camera is there, which decides how long its reads may live. {@link #NETWORK} reads are kept
 * under the read retention for warrant-bound queries; {@link #ENFORCEMENT} sites (speed, section,
 * red-light cameras) may keep only offences: a read that leads to no violation is deleted once its
 * pairing window has closed.
 */
public enum SitePurpose {
  NETWORK, ENFORCEMENT;

  /** The name used in documents, e.g. {@code enforcement}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code network} or {@code enforcement}. */
  public static SitePurpose parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown purpose '" + value + "'; one of network, enforcement");
    }
  }
}
