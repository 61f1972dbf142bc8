package io.corridor.ingest;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back the wake-ups that the completions of one group commit ask for until every future of
 * the group is completed. A writer thread completes hundreds of futures in a row; each answer is
 * written on its connection's event loop, and a loop that drained the first answers before the
 * writer completed the next goes to sleep and is woken again, a system call per completion. Inside
 * {@link #completing}, {@link #afterBatch} queues the wake-up instead and it runs once the group is
 * done, so each event loop is woken about once per commit. Outside a batch it runs at once.
 */
public final class CompletionBatch {

  private static final Logger LOG = LoggerFactory.getLogger(CompletionBatch.class);
  private static final ThreadLocal<List<Runnable>> PENDING = new ThreadLocal<>();

  private CompletionBatch() {}

  /**
   * Runs {@code completions} (completing futures), then every wake-up they queued through
   * {@link #afterBatch}, in the order queued. Nested calls join the outer batch.
   */
  public static void completing(Runnable completions) {
    if (PENDING.get() != null) {
      completions.run();
      return;
    }
    List<Runnable> pending = new ArrayList<>();
    PENDING.set(pending);
    try {
      completions.run();
    } finally {
      PENDING.remove();
      for (Runnable wakeUp : pending) {
        try {
          wakeUp.run();
        } catch (RuntimeException e) {
          // one loop that cannot be woken (closed) must not leave the others' answers unwritten
          LOG.warn("wake-up after a group commit failed: {}", e.toString());
        }
      }
    }
  }

  /** Runs {@code wakeUp} once the calling thread's batch is complete, or at once outside a batch. */
  public static void afterBatch(Runnable wakeUp) {
    List<Runnable> pending = PENDING.get();
    if (pending == null) {
      wakeUp.run();
    } else {
      pending.add(wakeUp);
    }
  }
}
