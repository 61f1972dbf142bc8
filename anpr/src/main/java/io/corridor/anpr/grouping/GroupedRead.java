package io.corridor.anpr.grouping;

import io.corridor.anpr.RecognizedPlate;
import java.time.Instant;
import java.util.List;

/**
 * The frames in which one camera saw one vehicle's plate, collapsed into one read.
 *
 * @param cameraId the camera
 * @param bestFrameId the frame that read the voted text best (the best frame when none read it)
 * @param bestPlate that frame's plate with the group's vote as candidates: the voted text first
 *     ({@link PlateVote}), then the other texts the frames read
 * @param frameIds every frame of the group, in arrival order
 * @param firstSeen earliest event time in the group
 * @param lastSeen latest event time in the group
 */
public record GroupedRead(
    String cameraId, String bestFrameId, RecognizedPlate bestPlate, List<String> frameIds, Instant firstSeen, Instant lastSeen) {

  /** Copies the frame ids. */
  public GroupedRead {
    frameIds = List.copyOf(frameIds);
  }

  /** The voted plate text. */
  public String text() {
    return bestPlate.text();
  }

  /** Confidence of the voted text, 0..1. */
  public double confidence() {
    return bestPlate.confidence();
  }
}
