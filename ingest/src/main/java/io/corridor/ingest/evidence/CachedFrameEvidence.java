package io.corridor.ingest.evidence;

import io.corridor.storage.evidence.EvidenceException;
import io.corridor.storage.evidence.EvidenceFrame;
import io.corridor.storage.evidence.EvidenceResult;
import io.corridor.storage.evidence.EvidenceStore;
import io.corridor.storage.evidence.FrameEvidence;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The evidence hook as this node provides it: a marked frame is copied from the node's
 * {@link FrameCache} into {@code evidence_frames} (encrypted, by {@link EvidenceStore}) on
 * {@code executor}, never on the caller's thread. A frame no longer in the cache is reported as not
 * available; only a database failure fails the future.
 */
public final class CachedFrameEvidence implements FrameEvidence {

  private final FrameCache cache;
  private final EvidenceStore store;
  private final Executor executor;
  private final Duration keepFor;
  private final Clock clock;

  /**
   * @param executor runs the JDBC insert (a bounded worker pool)
   * @param keepFor how long a marked frame is kept ({@code retention.evidence-frames})
   */
  public CachedFrameEvidence(FrameCache cache, EvidenceStore store, Executor executor, Duration keepFor, Clock clock) {
    this.cache = cache;
    this.store = store;
    this.executor = executor;
    this.keepFor = keepFor;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<EvidenceResult> markEvidence(String deviceId, String frameId, String reason, String markedBy) {
    if (blank(deviceId) || blank(frameId) || blank(reason) || blank(markedBy)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "markEvidence needs a device id, frame id, reason and marker; got " + deviceId + ", " + frameId + ", "
              + reason + ", " + markedBy));
    }
    Optional<EvidenceFrame> cached = cache.get(deviceId, frameId);
    if (cached.isEmpty()) {
      return CompletableFuture.completedFuture(EvidenceResult.notAvailable(deviceId, frameId,
          "frame " + frameId + " of " + deviceId + " is not available (expired from the cache after "
              + cache.ttl().toSeconds() + " s, evicted, or never received by this node)"));
    }
    EvidenceFrame frame = cached.get();
    try {
      return CompletableFuture.supplyAsync(() -> insert(frame, reason, markedBy), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new EvidenceException(
          "evidence writer is saturated; frame " + frameId + " of " + deviceId + " not kept yet", e));
    }
  }

  private EvidenceResult insert(EvidenceFrame frame, String reason, String markedBy) {
    Instant now = clock.instant();
    try {
      return store.insert(frame, reason, markedBy, now, now.plus(keepFor))
          ? EvidenceResult.stored(frame.deviceId(), frame.frameId())
          : EvidenceResult.alreadyStored(frame.deviceId(), frame.frameId());
    } catch (SQLException e) {
      throw new CompletionException(new EvidenceException(
          "frame " + frame.frameId() + " of " + frame.deviceId() + " could not be kept as evidence: " + e.getMessage(), e));
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
