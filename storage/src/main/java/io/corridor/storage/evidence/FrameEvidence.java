package io.corridor.storage.evidence;

import java.util.concurrent.CompletableFuture;

/**
 * The hook rules call to keep a frame as evidence. Frames sent for recognition are held only briefly
 * in memory; a frame is written to the database (encrypted, in {@code evidence_frames}) only when a
 * rule marks it through this interface, for example because its plate is on the hotlist.
 *
 * <p>Implementations never block the caller and never throw: the answer is the future. Marking is
 * idempotent: marking a frame that is already kept keeps the one row (the first reason stays).
 */
public interface FrameEvidence {

  /** For nodes that keep no frames (no recognizer): every frame is reported as not available. */
  FrameEvidence NONE = (deviceId, frameId, reason, markedBy) -> CompletableFuture.completedFuture(
      EvidenceResult.notAvailable(deviceId, frameId, "this node keeps no frames"));

  /**
   * Keeps frame {@code frameId} of {@code deviceId} as evidence.
   *
   * @param reason why it is kept, e.g. {@code "alert 5f0c…"}; stored with the frame
   * @param markedBy who marks it, e.g. {@code "rule:hotlist"}
   * @return completes with the outcome ({@link EvidenceResult.Outcome#NOT_AVAILABLE} when the
   *     frame is no longer held, e.g. expired from the cache); fails with
   *     {@link EvidenceException} only when the database could not store it
   */
  CompletableFuture<EvidenceResult> markEvidence(String deviceId, String frameId, String reason, String markedBy);
}
