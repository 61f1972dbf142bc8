package io.corridor.anpr.builtin;

/** How the built-in engine uses the whole-row strip reader beside the cut-and-classify reading of each row. */
public enum StripMode {
  /** The cut only. */
  OFF,
  /** Every row is also read whole; the strip's and the cut's readings are ranked together. */
  COMPETE,
  /** A row is read whole only where its cut gives no reading that fits a plate format. */
  FALLBACK
}
