package io.corridor.tracking.detect;

/** What a cargo alert is about. */
public enum AlertKind {
  /** Outside the declared corridor for longer than allowed. */
  OFF_CORRIDOR,
  /** Not moving beyond a radius for longer than allowed, outside declared stops and crossings (or over a stop's limit). */
  UNPLANNED_STOP,
  /** E-seal or door opened before the destination. */
  SEAL_OPENED,
  /** Cargo temperature outside the declared range longer than the allowed excursion. */
  COLD_CHAIN_BROKEN,
  /** Tank level dropped while stopped by more than the threshold. */
  FUEL_DROP,
  /** No position from a tracker for longer than allowed. */
  TRACKER_SILENT,
  /** The tracker itself raised an alarm: low battery, power cut, tampering, SOS. */
  DEVICE_ALARM,
  /** Not arrived by the end of the ETA window. */
  OVERDUE,
  /** Passed a border crossing that was not declared. */
  UNDECLARED_BORDER,
  /** The truck's plate was read by a camera far from where its tracker says it is. */
  PLATE_SEEN_OFF_ROUTE,
  /** The declared crossing's camera did not read the truck's plate when the tracker passed. */
  CROSSING_NOT_READ
}
