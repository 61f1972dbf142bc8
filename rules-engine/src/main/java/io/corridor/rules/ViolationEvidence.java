package io.corridor.rules;

import io.corridor.rules.outbox.Evaluated;
import io.corridor.storage.evidence.FrameEvidence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the frames behind a violation through the {@link FrameEvidence} hook, with the violation's
 * id as the reason. A frame this node no longer holds (or never received) is logged; the violation
 * stands on its reads.
 */
final class ViolationEvidence {

  private static final Logger LOG = LoggerFactory.getLogger(ViolationEvidence.class);

  private final FrameEvidence hook;

  ViolationEvidence(FrameEvidence hook) {
    this.hook = hook;
  }

  /** The reason stored with a frame kept for violation {@code id}. */
  static String reason(String violationId) {
    return "violation " + violationId;
  }

  void mark(Evaluated.FrameRef frame) {
    try {
      hook.markEvidence(frame.deviceId(), frame.frameId(), reason(frame.violationId()), "rule:violations")
          .whenComplete((result, failure) -> {
            if (failure != null) {
              LOG.error("frame {} of {} for violation {} could not be kept", frame.frameId(), frame.deviceId(),
                  frame.violationId(), failure);
            } else if (!result.kept()) {
              LOG.warn("frame {} for violation {} not kept as evidence: {}", frame.frameId(), frame.violationId(),
                  result.detail());
            }
          });
    } catch (RuntimeException e) {
      LOG.error("frame {} for violation {} could not be kept", frame.frameId(), frame.violationId(), e);
    }
  }
}
