package io.corridor.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * The event times a node accepts from an edge: no later than now plus the clock skew, no earlier
 * than now minus the accepted age. Plate reads and positions share it so that both refuse the same
 * times with the same message.
 *
 * @param clockSkew how far an edge's clock may run ahead of the node's
 * @param maxAge how old an event may be when it arrives (an edge's backlog after an outage)
 */
public record EventTimeWindow(Duration clockSkew, Duration maxAge) {

  /**
   * Checks {@code eventTime} against {@code now}.
   *
   * @throws IngestException 400 naming {@code field} when the time is outside the window
   */
  public void check(Instant eventTime, Instant now, String field) {
    if (eventTime.isAfter(now.plus(clockSkew))) {
      throw IngestException.invalid(field, "is " + eventTime + ", in the future beyond the allowed clock skew of "
          + clockSkew.toSeconds() + " s (now " + now + ")");
    }
    if (eventTime.isBefore(now.minus(maxAge))) {
      throw IngestException.invalid(field, "is " + eventTime + ", older than the accepted age of " + maxAge.toHours() + " h");
    }
  }
}
