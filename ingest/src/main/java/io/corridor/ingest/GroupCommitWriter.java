package io.corridor.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: concurrent requests queue their events, writer threads take as many queued requests
 * as fit in one batch and commit them in one transaction, then complete every request's future.
 * A future completes normally only after its events are committed; otherwise it fails with
 * {@link UnavailableException} and the device retries (ids make the retry idempotent).
 *
 * <p>Back-pressure: the queue is bounded in events; a request that does not fit is refused at
 * once. After a database failure new requests are refused for a short pause instead of piling up.
 *
 * <p>Filling ({@link #fillWhileBusy}, off unless set): a writer thread that takes a group while
 * more events are waiting or being committed than the group holds (another thread's commit is in
 * progress) may wait a bounded time for more requests before it commits, so a busy writer commits
 * fewer, larger groups; a writer with nothing else to do commits at once.
 */
public final class GroupCommitWriter<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final String NO_PARTITION = "23514";
  private static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);

  /** Observes what the writer does; for metrics. */
  public interface Listener {
    /** A group of {@code requests} requests holding {@code events} events was committed. */
    default void committed(int requests, int events, long nanos) {}

    /** A group failed and its requests were answered 503. */
    default void failed(int requests, int events, Exception cause) {}

    /** A request was refused without being queued. */
    default void refused(String reason) {}
  }

  private record Pending<T>(List<T> items, CompletableFuture<List<T>> done) {}

  private final String name;
  private final DataSource dataSource;
  private final BatchSink<T> sink;
  private final Consumer<List<T>> onStored;
  private final Runnable repairPartitions;
  private final Listener listener;
  private final int capacity;
  private final int maxBatch;
  private final Duration retryAfter;
  private final Clock clock;
  private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Object drainLock = new Object();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  private volatile long pausedUntilMillis;
  private volatile long fillNanos;
  /** A request taken while filling that did not fit the group; the next group starts with it (under drainLock). */
  private volatile Pending<T> held;

  /**
   * @param onStored called on the writer thread with the newly stored events after each commit
   * @param repairPartitions called once when a row finds no partition, before one retry
   */
  public GroupCommitWriter(String name, DataSource dataSource, BatchSink<T> sink, Consumer<List<T>> onStored,
      Runnable repairPartitions, Listener listener, int capacity, int maxBatch, int threadCount,
      Duration retryAfter, Clock clock) {
    this.name = name;
    this.dataSource = dataSource;
    this.sink = sink;
    this.onStored = onStored;
    this.repairPartitions = repairPartitions;
    this.listener = listener;
    this.capacity = capacity;
    this.maxBatch = maxBatch;
    this.retryAfter = retryAfter;
    this.clock = clock;
    for (int i = 0; i < threadCount; i++) {
      Thread t = new Thread(this::run, name + "-writer-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /**
   * Queues {@code items} for the next group commit. The future completes with the same items once
   * they are committed, or fails with {@link UnavailableException}; it never stays pending past a
   * failed commit.
   */
  public CompletableFuture<List<T>> submit(List<T> items) {
    if (!running) {
      return refuse("node is shutting down");
    }
    if (clock.millis() < pausedUntilMillis) {
      return refuse("database unavailable");
    }
    int after = queued.addAndGet(items.size());
    if (after > capacity) {
      queued.addAndGet(-items.size());
      return refuse("writer queue full (" + capacity + " events waiting)");
    }
    CompletableFuture<List<T>> done = new CompletableFuture<>();
    queue.add(new Pending<>(List.copyOf(items), done));
    return done;
  }

  /**
   * Lets a group fill for up to {@code fill} while the writer is busy: while more events are queued
   * or being committed than the group taken so far holds, the thread taking the group waits for
   * further requests until the group is full or {@code fill} has passed since it took the first.
   * Zero (the default) commits every group at once. Returns this writer.
   */
  public GroupCommitWriter<T> fillWhileBusy(Duration fill) {
    if (fill.isNegative()) {
      throw new IllegalArgumentException("fill must not be negative: " + fill);
    }
    fillNanos = fill.toNanos();
    return this;
  }

  /** Events waiting to be committed. */
  public int queuedEvents() {
    return queued.get();
  }

  private CompletableFuture<List<T>> refuse(String reason) {
    listener.refused(reason);
    return CompletableFuture.failedFuture(new UnavailableException(reason, retryAfter, null));
  }

  private void run() {
    while (running || !queue.isEmpty() || held != null) {
      try {
        List<Pending<T>> group = nextGroup();
        if (!group.isEmpty()) {
          commit(group);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("{} writer loop error", name, e);
      }
    }
  }

  private List<Pending<T>> nextGroup() throws InterruptedException {
    synchronized (drainLock) {
      Pending<T> first = held != null ? held : queue.poll(100, TimeUnit.MILLISECONDS);
      held = null;
      if (first == null) {
        return List.of();
      }
      long fillUntil = System.nanoTime() + fillNanos;
      List<Pending<T>> group = new ArrayList<>();
      group.add(first);
      int events = first.items().size();
      Pending<T> next;
      while ((next = queue.peek()) != null && events + next.items().size() <= maxBatch) {
        group.add(queue.poll());
        events += next.items().size();
      }
      if (next == null && fillNanos > 0) {
        fill(group, events, fillUntil);
      }
      return group;
    }
  }

  /** Waits for more requests while the writer is busy, the group has room and the fill time lasts. */
  private void fill(List<Pending<T>> group, int events, long until) throws InterruptedException {
    long left;
    while (queued.get() > events && events < maxBatch && (left = until - System.nanoTime()) > 0) {
      Pending<T> next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      if (events + next.items().size() > maxBatch) {
        held = next;
        return;
      }
      group.add(next);
      events += next.items().size();
    }
  }

  private void commit(List<Pending<T>> group) {
    List<T> all = new ArrayList<>();
    group.forEach(p -> all.addAll(p.items()));
    long start = System.nanoTime();
    try {
      List<T> stored;
      try {
        stored = writeInTransaction(all);
      } catch (SQLException e) {
        if (!NO_PARTITION.equals(e.getSQLState())) {
          throw e;
        }
        LOG.warn("{}: a row found no partition; creating partitions and retrying once", name);
        repairPartitions.run();
        stored = writeInTransaction(all);
      }
      queued.addAndGet(-all.size());
      // Committed: from here on nothing may turn the answer into a failure.
      CompletionBatch.completing(() -> group.forEach(p -> p.done().complete(p.items())));
      observeCommit(group.size(), all.size(), System.nanoTime() - start);
      notifyStored(stored);
    } catch (SQLException | RuntimeException e) {
      queued.addAndGet(-all.size());
      pausedUntilMillis = clock.millis() + FAILURE_PAUSE.toMillis();
      listener.failed(group.size(), all.size(), e);
      LOG.warn("{}: commit of {} events from {} requests failed: {}", name, all.size(), group.size(), e.toString());
      UnavailableException unavailable = new UnavailableException("database unavailable", retryAfter, e);
      CompletionBatch.completing(() -> group.forEach(p -> p.done().completeExceptionally(unavailable)));
    }
  }

  private List<T> writeInTransaction(List<T> items) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<T> stored = sink.write(c, items);
        c.commit();
        return stored;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
    }
  }

  private void observeCommit(int requests, int events, long nanos) {
    try {
      listener.committed(requests, events, nanos);
    } catch (RuntimeException e) {
      LOG.warn("{}: commit listener failed: {}", name, e.toString());
    }
  }

  private void notifyStored(List<T> stored) {
    if (stored.isEmpty()) {
      return;
    }
    try {
      onStored.accept(stored);
    } catch (RuntimeException e) {
      LOG.error("{}: after-commit listener failed; the events are stored", name, e);
    }
  }

  /** Stops taking requests, commits what is queued, and waits for the writer threads. */
  @Override
  public void close() {
    running = false;
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
