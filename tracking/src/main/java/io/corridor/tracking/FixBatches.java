package io.corridor.tracking;

import io.corridor.tracking.detect.TrackPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Gathers fixes into batches for the monitors: fixes queue while one batch is judged, and the next
 * batch takes everything queued by then (up to its largest batch), so the batches grow with the
 * load and a quiet node judges each fix at once. One batch at a time, in arrival order: a tracker's
 * fixes reach the monitors in the order this node received them.
 */
final class FixBatches {

  /**
   * Most fixes judged together by default ({@code tracking.judging-batch}); with this many queued the
   * next batch starts without waiting out the interval.
   */
  static final int MAX_BATCH = 2_000;
  /**
   * Most fixes waiting (the cluster is slow or a member is gone): beyond, a fix fails at once, and
   * its outbox row has it judged after the lease, instead of memory filling up.
   */
  static final int MAX_QUEUED = 100_000;

  /** A queued fix and what completes once it is judged and its alerts stored. */
  record Pending(TrackPoint point, CompletableFuture<Void> done) {}

  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
  private final Executor executor;
  private final Consumer<List<Pending>> judge;
  private final long intervalNanos;
  private final int maxBatch;
  private volatile long lastStart;

  /**
   * @param executor runs {@code judge}, which may block
   * @param judge judges a batch and completes (or fails) each fix's future, now or later
   */
  FixBatches(Executor executor, Consumer<List<Pending>> judge) {
    this(executor, judge, java.time.Duration.ZERO, MAX_BATCH);
  }

  /**
   * As above, starting a batch at most once per {@code interval} while fewer than {@code maxBatch}
   * fixes wait, and judging at most {@code maxBatch} together. Each batch costs one Hazelcast
   * operation per shipment in it, whatever its number of fixes, and a tracker that waits for each
   * answer (OsmAnd) has one or two fixes in a batch started as soon as the previous one ended;
   * waiting out the interval gathers several per shipment. A fix arriving after a quiet interval is
   * judged at once.
   */
  FixBatches(Executor executor, Consumer<List<Pending>> judge, java.time.Duration interval, int maxBatch) {
    if (interval.isNegative() || maxBatch < 1) {
      throw new IllegalArgumentException("interval " + interval + ", largest batch " + maxBatch);
    }
    this.executor = executor;
    this.judge = judge;
    this.intervalNanos = interval.toNanos();
    this.maxBatch = maxBatch;
    this.lastStart = System.nanoTime() - intervalNanos;
  }

  /** Queues a fix; the future completes once it is judged. */
  CompletableFuture<Void> add(TrackPoint point) {
    CompletableFuture<Void> done = queue(point);
    schedule();
    return done;
  }

  /**
   * Queues fixes together (one commit's), then starts a batch: the batch being started cannot take
   * the first of them before the rest are queued, as it could when each was added on its own, so
   * the batches follow the commits instead of splitting them. The futures in list order.
   */
  List<CompletableFuture<Void>> addAll(List<TrackPoint> points) {
    List<CompletableFuture<Void>> done = new ArrayList<>(points.size());
    for (TrackPoint point : points) {
      done.add(queue(point));
    }
    schedule();
    return done;
  }

  private CompletableFuture<Void> queue(TrackPoint point) {
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      return CompletableFuture.failedFuture(new RejectedExecutionException(MAX_QUEUED + " fixes wait to be judged"));
    }
    Pending p = new Pending(point, new CompletableFuture<>());
    queue.add(p);
    return p.done();
  }

  private void schedule() {
    while (!queue.isEmpty() && running.compareAndSet(false, true)) {
      long wait = lastStart + intervalNanos - System.nanoTime();
      if (wait > 0 && queued.get() < maxBatch) {
        // on the JDK's delay thread, which only hands the batch over
        CompletableFuture.delayedExecutor(wait, java.util.concurrent.TimeUnit.NANOSECONDS, Runnable::run).execute(this::start);
        return;
      }
      if (start()) {
        return;
      }
    }
  }

  /** Hands the next batch to the executor; false (and nothing running) when it refused. */
  private boolean start() {
    try {
      executor.execute(this::drain);
      return true;
    } catch (RejectedExecutionException e) {
      // the pool is full or shut down: fail what waits (its outbox rows are judged again after the lease)
      failQueued(e);
      running.set(false);
      if (!queue.isEmpty()) {
        schedule(); // only when called from the delay: what arrived after the failure
      }
      return false;
    }
  }

  private void drain() {
    lastStart = System.nanoTime();
    try {
      List<Pending> batch = new ArrayList<>();
      for (Pending p; batch.size() < maxBatch && (p = queue.poll()) != null; ) {
        batch.add(p);
      }
      queued.addAndGet(-batch.size());
      if (!batch.isEmpty()) {
        try {
          judge.accept(batch);
        } catch (RuntimeException e) {
          batch.forEach(p -> p.done().completeExceptionally(e));
        }
      }
    } finally {
      running.set(false);
      schedule(); // what arrived meanwhile
    }
  }

  private void failQueued(Exception cause) {
    for (Pending p; (p = queue.poll()) != null; ) {
      queued.decrementAndGet();
      p.done().completeExceptionally(cause);
    }
  }
}
