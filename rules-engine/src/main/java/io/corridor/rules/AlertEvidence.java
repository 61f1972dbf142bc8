package io.corridor.rules;

import io.corridor.events.Alert;
import io.corridor.events.PlateRead;
import io.corridor.storage.evidence.EvidenceResult;
import io.corridor.storage.evidence.FrameEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the frames behind an alert: when the alerted read was recognised from frames (it names
 * them in {@code frameIds}), each frame is marked as evidence through the {@link FrameEvidence}
 * hook, with the alert's id as the reason. A frame that cannot be kept is logged, never fatal: the
 * alert stands without it.
 */
public final class AlertEvidence {

  private static final Logger LOG = LoggerFactory.getLogger(AlertEvidence.class);

  private final FrameEvidence hook;

  /** Marks through {@code hook}. */
  public AlertEvidence(FrameEvidence hook) {
    this.hook = hook;
  }

  /** The reason stored with a frame kept for {@code alert}. */
  public static String reason(Alert alert) {
    return "alert " + alert.getEventId();
  }

  /**
   * Marks every frame of {@code read} as evidence for {@code alert}.
   *
   * @return completes when every frame is handled, with the outcomes of those that did not fail
   */
  public CompletableFuture<List<EvidenceResult>> mark(Alert alert, PlateRead read) {
    List<CompletableFuture<EvidenceResult>> marks = new ArrayList<>();
    for (String frameId : read.getFrameIds()) {
      CompletableFuture<EvidenceResult> mark;
      try {
        mark = hook.markEvidence(read.getDeviceId(), frameId, reason(alert), "rule:" + alert.getRuleId());
      } catch (RuntimeException e) {
        mark = CompletableFuture.failedFuture(e);
      }
      marks.add(mark.handle((result, failure) -> {
        if (failure != null) {
          LOG.error("frame {} of {} for alert {} could not be kept as evidence", frameId, read.getDeviceId(),
              alert.getEventId(), failure);
          return null;
        }
        if (!result.kept()) {
          LOG.warn("frame {} for alert {} not kept as evidence: {}", frameId, alert.getEventId(), result.detail());
        }
        return result;
      }));
    }
    return CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new))
        .thenApply(done -> marks.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList());
  }
}
