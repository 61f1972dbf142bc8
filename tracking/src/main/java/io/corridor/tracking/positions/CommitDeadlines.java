package io.corridor.tracking.positions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fails each watched commit future that is not done within the write timeout, the way
 * {@code orTimeout} would, but with one periodic sweep for all of them instead of a timer per
 * future: {@code orTimeout} schedules and cancels a task on the JDK's delay scheduler for every
 * MQTT message and {@code /v1/positions} request, and that thread took 3–4 µs of CPU per message
 * (docs/benchmarks.md). Futures wait in submission order, and with one timeout for all their
 * deadlines are in that order too, so a sweep stops at the first one not yet due. A future fails up
 * to a tenth of the timeout (at most a second) after its deadline.
 */
final class CommitDeadlines implements AutoCloseable {

  private record Waiting(long deadlineNanos, CompletableFuture<?> future) {}

  private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
  private final Duration timeout;
  private final ScheduledExecutorService sweeper;

  CommitDeadlines(Duration timeout) {
    this.timeout = timeout;
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "positions-commit-deadlines");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(10, Math.min(1_000, timeout.toMillis() / 10));
    sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  /** Watches {@code future}: it fails with a {@link TimeoutException} if not done within the timeout. */
  <T> CompletableFuture<T> watch(CompletableFuture<T> future) {
    if (!future.isDone()) {
      waiting.add(new Waiting(System.nanoTime() + timeout.toNanos(), future));
    }
    return future;
  }

  /** Drops what is done and fails what is due, from the oldest on. */
  void sweep() {
    long now = System.nanoTime();
    for (Waiting w; (w = waiting.peek()) != null; ) {
      if (!w.future().isDone() && now - w.deadlineNanos() < 0) {
        return; // neither done nor due, and every later one is due later
      }
      waiting.poll();
      w.future().completeExceptionally(new TimeoutException("not committed within " + timeout.toMillis() + " ms"));
    }
  }

  /** Futures watched and not yet dropped by a sweep (tests, diagnostics). */
  int watched() {
    return waiting.size();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
