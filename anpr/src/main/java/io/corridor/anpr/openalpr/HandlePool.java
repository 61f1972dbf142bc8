package io.corridor.anpr.openalpr;

import io.corridor.anpr.RecognitionException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A bounded pool of native handles, created lazily and reused. A pool rather than one handle per
 * thread: a handle holds tens of MB of models, virtual threads would each get one, and a
 * {@code ThreadLocal} cannot free a handle when its thread is gone.
 *
 * @param <H> the handle type
 */
final class HandlePool<H> implements AutoCloseable {

  private final String name;
  private final int max;
  private final Supplier<H> factory;
  private final Consumer<H> disposer;
  private final Duration wait;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<H> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  HandlePool(String name, int max, Supplier<H> factory, Consumer<H> disposer, Duration wait) {
    this.name = name;
    this.max = max;
    this.factory = factory;
    this.disposer = disposer;
    this.wait = wait;
    this.permits = new Semaphore(max, true);
  }

  /**
   * A handle for the caller's exclusive use until {@link #release}.
   *
   * @throws RecognitionException the pool is closed, every handle stayed busy for the wait time,
   *     or the thread was interrupted (its interrupt flag is restored)
   */
  H borrow() {
    ensureOpen();
    try {
      if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new RecognitionException(name + ": all " + max + " handles stayed busy for " + wait.toMillis()
            + " ms; more callers than handles, size the worker pool to the handle count");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RecognitionException(name + ": interrupted while waiting for a handle", e);
    }
    try {
      ensureOpen();
      H handle = idle.pollFirst();
      return handle != null ? handle : factory.get();
    } catch (RuntimeException | Error e) {
      permits.release();
      throw e;
    }
  }

  /** Returns a borrowed handle; after {@link #close} it is disposed instead. */
  void release(H handle) {
    try {
      if (closed) {
        disposer.accept(handle);
      } else {
        idle.addFirst(handle);
        if (closed) {
          disposeIdle(); // close() may have drained the deque just before we added to it
        }
      }
    } finally {
      permits.release();
    }
  }

  /** Disposes idle handles; borrowed ones are disposed as they come back. Idempotent. */
  @Override
  public void close() {
    closed = true;
    disposeIdle();
  }

  boolean isClosed() {
    return closed;
  }

  private void disposeIdle() {
    H handle;
    while ((handle = idle.pollFirst()) != null) {
      disposer.accept(handle);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new RecognitionException(name + " is closed");
    }
  }
}
