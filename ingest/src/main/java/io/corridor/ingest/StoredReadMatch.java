package io.corridor.ingest;

import io.corridor.anpr.PlateCandidate;
import io.corridor.events.PlateRead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs a retried frame's plates with the stored reads that already name the frame. A stored read
 * carries its group's best reading, which may differ from this frame's by an edit, so a plate
 * matches a read whose text is any of its candidates; reads and plates left over are paired in
 * order, because each stored read naming the frame was made from one of its plates. Plates still
 * unmatched were never stored (their group's commit failed) and are grouped again.
 */
final class StoredReadMatch {

  private StoredReadMatch() {}

  /** Slot to stored read, for the slots of {@code frame} that are already stored. */
  static Map<Integer, PlateRead> match(RecognizedFrame frame, List<PlateRead> storedReads) {
    Map<Integer, PlateRead> bySlot = new HashMap<>();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < frame.reads().size(); i++) {
      Set<String> texts = new HashSet<>();
      texts.add(frame.reads().get(i).getPlate());
      for (PlateCandidate candidate : frame.plates().get(i).candidates()) {
        texts.add(PlateText.normalize(candidate.text()));
      }
      // Two plates of one frame may have joined one group, so a read may match more than one slot.
      for (PlateRead read : storedReads) {
        if (texts.contains(read.getPlate())) {
          bySlot.put(i, read);
          used.add(read.getEventId());
          break;
        }
      }
    }
    List<PlateRead> left = new ArrayList<>(storedReads.stream().filter(r -> !used.contains(r.getEventId())).toList());
    for (int i = 0; i < frame.reads().size() && !left.isEmpty(); i++) {
      if (!bySlot.containsKey(i)) {
        bySlot.put(i, left.removeFirst());
      }
    }
    return bySlot;
  }
}
