package io.corridor.ingest.evidence;

import io.corridor.storage.evidence.EvidenceFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recently received frames, held in memory only so that a rule can still mark one as evidence
 * after its read is stored. Bounded three ways: by age ({@code anpr.evidence-cache-ttl}), by total
 * image bytes and by count; past a bound the oldest frames go first. Nothing here reaches disk.
 * Thread-safe.
 */
public final class FrameCache {

  private record Entry(EvidenceFrame frame, Instant at) {}

  private final long maxBytes;
  private final int maxFrames;
  private final Duration ttl;
  private final Clock clock;
  private final LinkedHashMap<String, Entry> frames = new LinkedHashMap<>();
  private long bytes;

  /**
   * @param maxBytes most image bytes held (0: nothing is held)
   * @param maxFrames most frames held
   * @param ttl how long a frame is held
   */
  public FrameCache(long maxBytes, int maxFrames, Duration ttl, Clock clock) {
    if (maxBytes < 0 || maxFrames < 1 || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("frame cache bounds must be positive: bytes " + maxBytes + ", frames "
          + maxFrames + ", ttl " + ttl);
    }
    this.maxBytes = maxBytes;
    this.maxFrames = maxFrames;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * Holds {@code frame}, replacing an earlier copy of the same camera's frame (a retry).
   *
   * @return false when the image alone is larger than the byte bound and is not held
   */
  public synchronized boolean put(EvidenceFrame frame) {
    Instant now = clock.instant();
    remove(key(frame.deviceId(), frame.frameId()));
    expire(now);
    if (frame.image().length > maxBytes) {
      return false;
    }
    frames.put(key(frame.deviceId(), frame.frameId()), new Entry(frame, now));
    bytes += frame.image().length;
    for (Iterator<Entry> it = frames.values().iterator(); it.hasNext() && (bytes > maxBytes || frames.size() > maxFrames); ) {
      bytes -= it.next().frame().image().length;
      it.remove();
    }
    return true;
  }

  /** The frame, while it is still held. */
  public synchronized Optional<EvidenceFrame> get(String deviceId, String frameId) {
    expire(clock.instant());
    Entry entry = frames.get(key(deviceId, frameId));
    return entry == null ? Optional.empty() : Optional.of(entry.frame());
  }

  /** Frames held now. */
  public synchronized int size() {
    expire(clock.instant());
    return frames.size();
  }

  /** Image bytes held now. */
  public synchronized long bytes() {
    expire(clock.instant());
    return bytes;
  }

  /** How long a frame is held. */
  public Duration ttl() {
    return ttl;
  }

  private void remove(String key) {
    Entry old = frames.remove(key);
    if (old != null) {
      bytes -= old.frame().image().length;
    }
  }

  /** Entries are in insertion order and share one age limit, so the expired ones are at the head. */
  private void expire(Instant now) {
    Instant oldest = now.minus(ttl);
    for (Iterator<Map.Entry<String, Entry>> it = frames.entrySet().iterator(); it.hasNext(); ) {
      Entry entry = it.next().getValue();
      if (entry.at().isAfter(oldest)) {
        break;
      }
      bytes -= entry.frame().image().length;
      it.remove();
    }
  }

  private static String key(String deviceId, String frameId) {
    return deviceId + "/" + frameId;
  }
}
