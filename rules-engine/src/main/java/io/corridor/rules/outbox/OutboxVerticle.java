package io.corridor.rules.outbox;

import io.corridor.events.bus.BusAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin adapter that drives the {@link OutboxConsumer} on its own thread: at once when this node
 * committed reads ({@link BusAddresses#READS_STORED}, a wake-up only: the reads come from the
 * outbox), and every poll interval for rows no node evaluated (a dead node's). Also runs the
 * enforcement-site purge every retention interval and the periodic {@code extra} jobs (the
 * hotlist reload).
 */
public final class OutboxVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxVerticle.class);

  /** A periodic job run on the consumer's thread. */
  public record Job(String name, Duration every, Runnable task) {}

  private final OutboxConsumer consumer;
  private final EnforcementPurge purge;
  private final ExecutorService thread;
  private final Duration poll;
  private final Duration purgeEvery;
  private final List<Job> jobs;
  private final Clock clock;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final List<Long> timers = new java.util.ArrayList<>();
  private volatile boolean stopping;

  /** Runs everything on {@code thread} (one thread: the consumer is not run concurrently on a node). */
  public OutboxVerticle(OutboxConsumer consumer, EnforcementPurge purge, ExecutorService thread, Duration poll,
      Duration purgeEvery, List<Job> jobs, Clock clock) {
    this.consumer = consumer;
    this.purge = purge;
    this.thread = thread;
    this.poll = poll;
    this.purgeEvery = purgeEvery;
    this.jobs = List.copyOf(jobs);
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<Object> wake = vertx.eventBus().localConsumer(BusAddresses.READS_STORED, message -> drain());
    timers.add(vertx.setPeriodic(poll.toMillis(), id -> drain()));
    timers.add(vertx.setPeriodic(purgeEvery.toMillis(), id -> submit("enforcement purge", this::purgeNow)));
    for (Job job : jobs) {
      timers.add(vertx.setPeriodic(job.every().toMillis(), id -> submit(job.name(), job.task())));
      submit(job.name(), job.task());
    }
    drain();
    return wake.completion();
  }

  @Override
  public Future<?> stop() {
    // Finish the batch in hand (its rows would otherwise wait for their lease) and start no other.
    stopping = true;
    timers.forEach(vertx::cancelTimer);
    thread.shutdown();
    return vertx.executeBlocking(() -> thread.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS), false);
  }

  private void purgeNow() {
    try {
      long deleted = purge.run(clock.instant());
      if (deleted > 0) {
        LOG.info("enforcement purge: {} reads that proved nothing deleted", deleted);
      }
    } catch (Exception e) {
      LOG.warn("enforcement purge failed; retried next interval: {}", e.toString());
    }
  }

  /** Claims batches until the outbox is empty; a wake-up while draining makes one more pass. */
  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    submit("rules outbox", () -> {
      try {
        do {
          again.set(false);
          while (!stopping && consumer.runOnce() > 0) {
            // keep going while there is work
          }
        } while (again.get() && !stopping);
      } catch (Exception e) {
        LOG.warn("rules outbox unavailable; retried in {}: {}", poll, e.toString());
      } finally {
        draining.set(false);
      }
    });
  }

  private void submit(String name, Runnable task) {
    try {
      thread.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("{} failed", name, e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      draining.set(false);
      LOG.debug("{} not run: the node is stopping", name);
    }
  }
}
