package io.corridor.anpr.builtin;

/** How the built-in engine uses the whole-row strip reader beside the cut-and-classify reading of each row. */
public enum StripMode {
  /** The cut only. */
  OFF,
  /** Every row is also read whole; the strip's and the cut's readings are ranked together. */
  COMPETE,
  /** A row is read whole only where its cut gives no reading that fits a plate format. */
  FALLBACK,
  /**
   * The cut's readings only, re-ranked by the strip reader: each reading's score becomes the
   * geometric mean of its own and the strip's per-character probability of the same text (the
   * CTC probability summed over every alignment, not only the beam's texts). A text longer than
   * the row's pieces (the re-cut reached characters beyond the row) gets the strip's factor for
   * its own best text.
   */
  RERANK,
  /**
   * As {@link #RERANK}, and where the strip reader is sure of its own best text (per character
   * probability at least {@link BuiltinRecognizer#TAKEOVER_CONFIDENCE}) that text is ranked with
   * the re-ranked cut's readings too, scored as in {@link #COMPETE}: the strip takes the row over
   * when it is confident, and only re-ranks the cut when it is not.
   */
  TAKEOVER
}
