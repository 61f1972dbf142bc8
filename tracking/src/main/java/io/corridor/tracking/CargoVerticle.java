package io.corridor.tracking;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts the clock to the {@link CargoPipeline} (positions and plate reads come through the
 * {@link CargoOutboxVerticle}): every {@code tracking.tick-interval} this
 * node ticks the shipments it owns, and now and then reloads camera places and restarts monitors a
 * failed release missed. Nothing here blocks an event loop.
 */
public final class CargoVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CargoVerticle.class);
  private static final Duration HOUSEKEEPING = Duration.ofSeconds(30);

  private final CargoPipeline pipeline;
  private final ShipmentService shipments;
  private final CameraPlaces cameras;
  private final Duration tickInterval;
  private final AtomicBoolean ticking = new AtomicBoolean();
  private long tickTimer;
  private long housekeepingTimer;

  /** Wires the verticle. */
  public CargoVerticle(CargoPipeline pipeline, ShipmentService shipments, CameraPlaces cameras, Duration tickInterval) {
    this.pipeline = pipeline;
    this.shipments = shipments;
    this.cameras = cameras;
    this.tickInterval = tickInterval;
  }

  @Override
  public Future<?> start() {
    tickTimer = vertx.setPeriodic(tickInterval.toMillis(), t -> tick());
    housekeepingTimer = vertx.setPeriodic(HOUSEKEEPING.toMillis(), t -> housekeeping());
    Future<Void> loaded = vertx.executeBlocking(() -> {
      cameras.reload();
      return null;
    }, false);
    return loaded;
  }

  private void tick() {
    if (!ticking.compareAndSet(false, true)) {
      return; // the previous tick is still running: skip, never pile up
    }
    vertx.executeBlocking(() -> {
      pipeline.tick();
      return null;
    }, false).onComplete(r -> {
      ticking.set(false);
      if (r.failed()) {
        LOG.warn("cargo tick failed: {}", r.cause().toString());
      }
    });
  }

  private void housekeeping() {
    vertx.executeBlocking(() -> {
      cameras.reload();
      shipments.reconcile();
      return null;
    }, false).onFailure(e -> LOG.warn("cargo housekeeping failed: {}", e.toString()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(tickTimer);
    vertx.cancelTimer(housekeepingTimer);
    return Future.succeededFuture();
  }
}
