package io.corridor.rules.outbox;

import io.corridor.events.Alert;
import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import java.util.List;

/**
 * What the rules newly found for one read, after it was committed: for publishing and for marking
 * frames as evidence. A re-run of a read already evaluated finds the same ids and reports nothing.
 *
 * @param frames the evidence frames behind the new violations, as (device id, frame id)
 */
public record Evaluated(PlateRead read, List<Alert> alerts, List<Violation> violations, List<FrameRef> frames) {

  /** A frame named by a read that a violation rests on. */
  public record FrameRef(String deviceId, String frameId, String violationId) {}
}
