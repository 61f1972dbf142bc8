package io.corridor.tracking;

import io.corridor.events.PlateRead;
import io.corridor.events.bus.BusAddresses;
import io.corridor.events.bus.StoredPositions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts the bus and the clock to the {@link CargoOutbox}: positions this node committed
 * ({@link BusAddresses#POSITIONS_STORED}, local, one message per commit) and plate reads
 * ({@link BusAddresses#READS_STORED}, local) are judged as they come; every
 * {@value #FLUSH_MS} ms the rows of those judged are deleted (a commit's group of positions once
 * all of them are), and every poll interval this node
 * claims rows whose lease ran out (a dead node's positions). Nothing here blocks an event loop.
 */
public final class CargoOutboxVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CargoOutboxVerticle.class);
  private static final long FLUSH_MS = 250;

  private final CargoOutbox outbox;
  private final Duration poll;
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();
  private long flushTimer;
  private long pollTimer;

  /** Wires the verticle. */
  public CargoOutboxVerticle(CargoOutbox outbox, Duration poll) {
    this.outbox = outbox;
    this.poll = poll;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<StoredPositions> positions = vertx.eventBus().localConsumer(BusAddresses.POSITIONS_STORED,
        m -> outbox.local(m.body().positions()));
    MessageConsumer<PlateRead> reads = vertx.eventBus().localConsumer(BusAddresses.READS_STORED,
        m -> outbox.local(m.body()));
    flushTimer = vertx.setPeriodic(FLUSH_MS, t -> once(flushing, "flush", () -> outbox.flush()));
    pollTimer = vertx.setPeriodic(poll.toMillis(), t -> once(draining, "claim", () -> {
      while (outbox.runOnce() > 0) {
        // a dead node's backlog: keep claiming while there is some
      }
      outbox.refreshDepth();
    }));
    return Future.join(positions.completion(), reads.completion());
  }

  private interface Job {
    void run() throws Exception;
  }

  /** Runs {@code job} on a worker unless the previous run of it is still going (never piles up). */
  private void once(AtomicBoolean running, String name, Job job) {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    vertx.executeBlocking(() -> {
      job.run();
      return null;
    }, false).onComplete(r -> {
      running.set(false);
      if (r.failed()) {
        LOG.warn("cargo outbox {} failed; retried: {}", name, r.cause().toString());
      }
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(flushTimer);
    vertx.cancelTimer(pollTimer);
    return vertx.executeBlocking(() -> {
      outbox.flush(); // what was judged need not wait for its lease
      return null;
    }, false).recover(e -> Future.succeededFuture());
  }
}
