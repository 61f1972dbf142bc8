package io.corridor.ingest;

import io.corridor.platform.devices.Device;

import io.corridor.anpr.RecognizedPlate;
import io.corridor.events.PlateRead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One frame after recognition, ready to be stored: its camera and id, and one validated read per
 * plate found. Position {@code i} of {@link #reads} and {@link #plates} is the frame's slot
 * {@code i}; each read already carries the id it gets when its frame is stored alone (derived from
 * the frame id and the plate's position).
 *
 * @param stored slots whose plate is already in a stored read (the frame is a retry), by slot
 */
public record RecognizedFrame(Device camera, String frameId, Instant takenAt, List<PlateRead> reads,
    List<RecognizedPlate> plates, Map<Integer, PlateRead> stored, long recognitionMillis) {

  /** Copies the collections and checks that reads and plates pair up. */
  public RecognizedFrame {
    reads = List.copyOf(reads);
    plates = List.copyOf(plates);
    stored = Map.copyOf(stored);
    if (reads.size() != plates.size()) {
      throw new IllegalArgumentException(reads.size() + " reads but " + plates.size() + " plates");
    }
  }

  /** Identifies the frame on this node: a frame id is unique per camera only. */
  public String key() {
    return camera.id() + "/" + frameId;
  }

  /** The same frame knowing which slots are already stored. */
  public RecognizedFrame withStored(Map<Integer, PlateRead> storedSlots) {
    return new RecognizedFrame(camera, frameId, takenAt, reads, plates, storedSlots, recognitionMillis);
  }

  /** Whether every slot is already in a stored read, so the frame can be answered at once. */
  public boolean fullyStored() {
    return stored.size() == reads.size();
  }

  /** The answer for a frame whose slots are all resolved: {@code bySlot[i]} is slot i's read. */
  public FrameResult result(PlateRead[] bySlot) {
    return FrameResult.distinct(frameId, List.of(bySlot), recognitionMillis);
  }

  /** The answer from the stored slots alone; only meaningful when {@link #fullyStored()}. */
  public FrameResult storedResult() {
    List<PlateRead> bySlot = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      bySlot.add(stored.get(i));
    }
    return FrameResult.distinct(frameId, bySlot, recognitionMillis);
  }
}
