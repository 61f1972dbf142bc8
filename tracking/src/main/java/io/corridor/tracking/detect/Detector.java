package io.corridor.tracking.detect;

import java.time.Instant;

/** One kind of misbehaviour, judged over fixes in event-time order, ticks and plate sightings. */
interface Detector {

  /** A fix, in event-time order per shipment. */
  default void fix(Judgement j, TrackPoint p) {}

  /** Processing time passed (for what is judged by the clock: silence, overdue). */
  default void tick(Judgement j, Instant now) {}

  /** A committed ANPR read of the truck's plate, once fixes up to its time have been judged. */
  default void sighting(Judgement j, PlateSighting s) {}

  /** Monitoring ends at {@code at} (arrived or cancelled); judge what is still pending. */
  default void end(Judgement j, Instant at) {}
}
