package io.corridor.ingest;

import io.corridor.events.PlateRead;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What became of one frame: the plate reads recognised in it, all committed.
 *
 * @param frameId the frame's id (sent or derived from its content)
 * @param reads committed reads, possibly none (a frame without a plate is not an error); with
 *     grouping, the read of the vehicle's whole group, shared by every frame of the group
 * @param recognitionMillis time spent in the recognizer
 */
public record FrameResult(String frameId, List<PlateRead> reads, long recognitionMillis) {

  /** Copies the reads. */
  public FrameResult {
    reads = List.copyOf(reads);
  }

  /** A result listing each read once, in the given order (two plates of a frame may share a group's read). */
  public static FrameResult distinct(String frameId, List<PlateRead> reads, long recognitionMillis) {
    Set<String> seen = new HashSet<>();
    List<PlateRead> unique = new ArrayList<>(reads.size());
    for (PlateRead read : reads) {
      if (seen.add(read.getEventId())) {
        unique.add(read);
      }
    }
    return new FrameResult(frameId, unique, recognitionMillis);
  }
}
