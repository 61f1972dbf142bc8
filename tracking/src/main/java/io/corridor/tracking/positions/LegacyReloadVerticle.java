package io.corridor.tracking.positions;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reloads the legacy trackers on a worker thread, as often as the device registry is reloaded. */
final class LegacyReloadVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LegacyReloadVerticle.class);

  private final TrackingServices services;
  private final Duration interval;
  private long timer = -1;

  LegacyReloadVerticle(TrackingServices services, Duration interval) {
    this.services = services;
    this.interval = interval;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(interval.toMillis(), id -> vertx.executeBlocking(() -> {
      services.reloadLegacy();
      return null;
    }, false).onFailure(e -> LOG.warn("legacy trackers not reloaded: {}", e.toString())));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
