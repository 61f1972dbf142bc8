package io.corridor.tracking.osmand;

import io.corridor.ingest.UnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answers of one OsmAnd server instance, written on its event loop in batches. A group commit
 * completes the requests of many connections at once on the writer's thread; rather than one task
 * per request on the event loop (and one timeout timer per request), the completions are queued
 * and the first of them schedules one task that writes every answer queued by then. Requests wait
 * in arrival order, so one periodic sweep ({@link #expire()}) answers those whose commit took
 * longer than the write timeout with 503, as the per-request timeout did. Everything but
 * {@link #completed} runs on the instance's event loop.
 */
final class OsmAndAnswers {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OsmAndAnswers.class);

  /** One request waiting for its commit; {@code answered} is read and written on the loop only. */
  private static final class Waiting {
    final OsmAndReply reply;
    final long deadline;
    Throwable failure;
    boolean answered;

    Waiting(OsmAndReply reply, long deadline) {
      this.reply = reply;
      this.deadline = deadline;
    }
  }

  private final Context context;
  private final long timeoutNanos;
  private final Duration writeTimeout;
  private final Duration retryAfter;
  /** Completed on writer threads, waiting for the loop to answer them. */
  private final Queue<Waiting> completed = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Handler<Void> drain = v -> drain();
  /** Every request not yet answered, in arrival order (answered ones leave from the head). */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

  /** Answers on {@code context}'s event loop; a commit slower than {@code writeTimeout} is a 503. */
  OsmAndAnswers(Context context, Duration writeTimeout, Duration retryAfter) {
    this.context = context;
    this.writeTimeout = writeTimeout;
    this.timeoutNanos = writeTimeout.toNanos();
    this.retryAfter = retryAfter;
  }

  /** Answers {@code response} once {@code stored} completes: 200 after commit, else its error. */
  void answer(HttpServerResponse response, CompletionStage<?> stored) {
    answer(OsmAndReply.of(response), stored);
  }

  /** Answers {@code reply} once {@code stored} completes: 200 after commit, else its error. */
  void answer(OsmAndReply reply, CompletionStage<?> stored) {
    Waiting w = new Waiting(reply, System.nanoTime() + timeoutNanos);
    waiting.add(w);
    stored.whenComplete((ok, failure) -> completed(w, failure));
  }

  private void completed(Waiting w, Throwable failure) {
    w.failure = failure;
    completed.add(w);
    if (drainScheduled.compareAndSet(false, true)) {
      context.runOnContext(drain);
    }
  }

  private void drain() {
    drainScheduled.set(false); // before polling: a completion queued after the last poll schedules the next drain
    Waiting w;
    while ((w = completed.poll()) != null) {
      if (!w.answered) {
        w.answered = true;
        try {
          if (w.failure == null) {
            w.reply.ok();
          } else {
            w.reply.fail(w.failure, retryAfter);
          }
        } catch (RuntimeException e) {
          // one answer that cannot be written (its connection gone) must not leave the rest of the batch unanswered
          LOG.debug("OsmAnd answer not written: {}", e.toString());
        }
      }
    }
    while ((w = waiting.peek()) != null && w.answered) {
      waiting.poll();
    }
  }

  /** Answers 503 to every request whose commit has taken longer than the write timeout. */
  void expire() {
    long now = System.nanoTime();
    Waiting w;
    while ((w = waiting.peek()) != null && (w.answered || w.deadline - now <= 0)) {
      waiting.poll();
      if (!w.answered) {
        w.answered = true;
        w.reply.fail(new UnavailableException("commit did not finish within "
            + writeTimeout.toSeconds() + " s; retry with the same positions", retryAfter, null), retryAfter);
      }
    }
  }
}
