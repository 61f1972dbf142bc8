package io.corridor.rules;

import io.corridor.events.Alert;
import io.corridor.events.PlateRead;
import io.corridor.events.bus.BusAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin adapter: consumes committed reads from {@link BusAddresses#READS_STORED} (local to the node
 * that stored them), runs the hotlist rule, stores and publishes the alerts, and marks the frames
 * behind an alerted read as evidence ({@link AlertEvidence}; the frames are in this node's cache
 * because this node stored the read). JDBC runs on worker threads, never on the event loop; the
 * hotlist reloads periodically.
 */
public final class RulesVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RulesVerticle.class);

  private final HotlistRule rule;
  private final Hotlist hotlist;
  private final HotlistRepository hotlists;
  private final AlertRepository alerts;
  private final AlertEvidence evidence;
  private final RulesOptions options;
  private long reloadTimer;

  /** Wires the rule to its stores and to the evidence hook. */
  public RulesVerticle(HotlistRule rule, Hotlist hotlist, HotlistRepository hotlists, AlertRepository alerts,
      AlertEvidence evidence, RulesOptions options) {
    this.rule = rule;
    this.hotlist = hotlist;
    this.hotlists = hotlists;
    this.alerts = alerts;
    this.evidence = evidence;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<PlateRead> consumer = vertx.eventBus().consumer(BusAddresses.READS_STORED,
        message -> evaluate(message.body()));
    reloadTimer = vertx.setPeriodic(options.hotlistReload().toMillis(), id -> reloadHotlist());
    return Future.join(consumer.completion(), reloadHotlist());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(reloadTimer);
    return Future.succeededFuture();
  }

  private Future<Void> reloadHotlist() {
    return vertx.<Void>executeBlocking(() -> {
      hotlist.replace(hotlists.loadActive(), hotlists.loadVariants());
      return null;
    }, false).onFailure(e -> LOG.warn("hotlist reload failed; keeping the previous one: {}", e.toString()))
        .recover(e -> Future.succeededFuture());
  }

  private void evaluate(PlateRead read) {
    // Matching is an HMAC and a map look-up: cheap enough for the event loop. Only the rare match
    // goes to a worker, for the JDBC insert.
    List<Alert> raised;
    try {
      raised = rule.evaluate(read);
    } catch (RuntimeException e) {
      LOG.error("hotlist rule failed for read {}", read.getEventId(), e);
      return;
    }
    if (raised.isEmpty()) {
      return;
    }
    vertx.<List<Alert>>executeBlocking(() -> {
      for (Alert alert : raised) {
        alerts.insert(alert, read.getPlate());
      }
      return raised;
    }, false).onSuccess(stored -> stored.forEach(alert -> {
      vertx.eventBus().publish(BusAddresses.ALERTS_RAISED, alert);
      if (!read.getFrameIds().isEmpty()) {
        evidence.mark(alert, read); // never blocks: the hook writes on its own worker
      }
    }))
        .onFailure(e -> LOG.error("storing hotlist alert for read {} failed", read.getEventId(), e));
  }
}
