package io.corridor.rules.engine.site;

import java.util.Locale;

/** How a site's device measures speed; tolerances are configured per country and measurement type. */
public enum MeasurementType {
  RADAR, LASER, SECTION, VIDEO;

  /** The name used in documents, e.g. {@code radar}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code radar}, {@code laser}, {@code section} or {@code video}. */
  public static MeasurementType parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown measurement type '" + value + "'; one of radar, laser, section, video");
    }
  }
}
