package io.corridor.rules;

import io.corridor.events.bus.BusAddresses;
import io.corridor.rules.outbox.Evaluated;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * What happens once a read's alerts and violations are committed: alerts are published on the
 * bus and the frames behind alerts and violations are marked as evidence (the hook copies them from
 * this node's frame cache; it never blocks).
 */
final class AfterCommit implements Consumer<Evaluated> {

  private final Vertx vertx;
  private final AlertEvidence alertEvidence;
  private final ViolationEvidence violationEvidence;

  AfterCommit(Vertx vertx, AlertEvidence alertEvidence, ViolationEvidence violationEvidence) {
    this.vertx = vertx;
    this.alertEvidence = alertEvidence;
    this.violationEvidence = violationEvidence;
  }

  @Override
  public void accept(Evaluated evaluated) {
    evaluated.alerts().forEach(alert -> {
      vertx.eventBus().publish(BusAddresses.ALERTS_RAISED, alert);
      if (!evaluated.read().getFrameIds().isEmpty()) {
        alertEvidence.mark(alert, evaluated.read());
      }
    });
    evaluated.frames().forEach(violationEvidence::mark);
  }
}
