package io.corridor.tracking.shipments;

import java.util.Locale;

/** What a shipment carries, as far as thresholds go. */
public enum GoodsClass {
  /** Fuel (tankers): theft shows as tank level drops while stopped. */
  FUEL,
  /** Medical supplies: cold chain. */
  MEDICAL,
  /** Anything else under customs control. */
  OTHER;

  /** The lower-case name used in the API and configuration. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code fuel}, {@code medical} or {@code other}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static GoodsClass parse(String value) {
    for (GoodsClass g : values()) {
      if (g.code().equals(value)) {
        return g;
      }
    }
    throw new IllegalArgumentException("must be one of fuel, medical, other");
  }
}
