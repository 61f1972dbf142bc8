package io.corridor.tracking.positions;

import io.corridor.ingest.CompletionBatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings completions from the writer's threads onto one event loop in batches. A group commit
 * completes the fixes of many connections in a row; rather than a task (and a wake-up of the loop)
 * per fix, completions are queued and the first schedules one task that runs all queued by then,
 * deferred through {@link CompletionBatch} to the end of the commit's completions, so a loop is
 * woken about once per commit. Tasks run in the order queued.
 */
public final class LoopHandOff {

  private static final Logger LOG = LoggerFactory.getLogger(LoopHandOff.class);

  private final Context context;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Handler<Void> drain = v -> drain();

  /** Runs the tasks on {@code context}. */
  public LoopHandOff(Context context) {
    this.context = context;
  }

  /** Runs {@code task} on the loop; may be called from any thread. */
  public void execute(Runnable task) {
    tasks.add(task);
    if (scheduled.compareAndSet(false, true)) {
      CompletionBatch.afterBatch(() -> context.runOnContext(drain));
    }
  }

  /** A future completed on the loop with the outcome of {@code stage}, as {@link Future#fromCompletionStage}. */
  public <T> Future<T> future(CompletionStage<T> stage) {
    Promise<T> promise = Promise.promise();
    stage.whenComplete((value, failure) -> execute(() -> {
      if (failure == null) {
        promise.complete(value);
      } else {
        promise.fail(failure);
      }
    }));
    return promise.future();
  }

  private void drain() {
    scheduled.set(false); // before polling: a task queued after the last poll schedules the next drain
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        // one answer that cannot be written (its connection gone) must not leave the rest unanswered
        LOG.debug("task handed to the event loop failed: {}", e.toString());
      }
    }
  }
}
