package io.corridor.tracking.shipments;

import java.util.Locale;

/** Where a shipment is in its transit life cycle (NCTS: declared, released for transit, arrived, written off). */
public enum ShipmentState {
  /** Declared; not yet released for transit. Not monitored. */
  DECLARED,
  /** Released for transit: in transit and monitored. */
  RELEASED,
  /** Arrival notified at destination; monitoring ended. */
  ARRIVED,
  /** Written off; final. */
  CLOSED,
  /** Cancelled before arrival; final. */
  CANCELLED;

  /** The lower-case name used in the API. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a lower-case state name.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ShipmentState parse(String value) {
    for (ShipmentState s : values()) {
      if (s.code().equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("must be one of declared, released, arrived, closed, cancelled");
  }
}
