package io.corridor.storage.evidence;

/**
 * What became of a request to keep a frame as evidence.
 *
 * @param outcome stored now, already stored, or not available
 * @param deviceId the camera that sent the frame
 * @param frameId the frame
 * @param detail a sentence for logs, e.g. why the frame is not available
 */
public record EvidenceResult(Outcome outcome, String deviceId, String frameId, String detail) {

  /** The possible outcomes. */
  public enum Outcome {
    /** The frame was written to {@code evidence_frames} by this call. */
    STORED,
    /** The frame was already kept; nothing changed. */
    ALREADY_STORED,
    /** The frame is not held any more (expired from the cache, evicted, or never seen by this node). */
    NOT_AVAILABLE
  }

  /** A frame written by this call. */
  public static EvidenceResult stored(String deviceId, String frameId) {
    return new EvidenceResult(Outcome.STORED, deviceId, frameId, "frame kept as evidence");
  }

  /** A frame that was already kept. */
  public static EvidenceResult alreadyStored(String deviceId, String frameId) {
    return new EvidenceResult(Outcome.ALREADY_STORED, deviceId, frameId, "frame was already kept as evidence");
  }

  /** A frame that cannot be kept because it is no longer held; {@code why} says so. */
  public static EvidenceResult notAvailable(String deviceId, String frameId, String why) {
    return new EvidenceResult(Outcome.NOT_AVAILABLE, deviceId, frameId, why);
  }

  /** Whether the frame is now in {@code evidence_frames}. */
  public boolean kept() {
    return outcome != Outcome.NOT_AVAILABLE;
  }
}
