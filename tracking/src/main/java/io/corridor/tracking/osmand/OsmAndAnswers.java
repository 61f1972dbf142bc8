package io.corridor.tracking.osmand;

import io.corridor.ingest.UnavailableException;
import io.corridor.tracking.positions.LoopHandOff;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The answers of one OsmAnd server instance, written on its event loop in batches. A group commit
 * completes the requests of many connections at once on the writer's thread; rather than one task
 * per request on the event loop (and one timeout timer per request), the completions are handed
 * over through a {@link LoopHandOff}, which wakes the loop about once per commit. Requests wait
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
    boolean answered;

    Waiting(OsmAndReply reply, long deadline) {
      this.reply = reply;
      this.deadline = deadline;
    }
  }

  private final long timeoutNanos;
  private final Duration writeTimeout;
  private final Duration retryAfter;
  /** Brings the completions of the writer's threads onto the loop, one wake-up per commit. */
  private final LoopHandOff handOff;
  /** Every request not yet answered, in arrival order (answered ones leave from the head). */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

  /** Answers on {@code context}'s event loop; a commit slower than {@code writeTimeout} is a 503. */
  OsmAndAnswers(Context context, Duration writeTimeout, Duration retryAfter) {
    this.handOff = new LoopHandOff(context);
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

  /**
   * Answers every reply of {@code replies}, in order, once {@code stored} completes: one
   * completion and one hand-off for all of them ({@link OsmAndBatch}).
   */
  void answerAll(List<OsmAndReply> replies, CompletionStage<?> stored) {
    long deadline = System.nanoTime() + timeoutNanos;
    Waiting[] all = new Waiting[replies.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = new Waiting(replies.get(i), deadline);
      waiting.add(all[i]);
    }
    stored.whenComplete((ok, failure) -> handOff.execute(() -> {
      for (Waiting w : all) {
        try {
          answer(w, failure);
        } catch (RuntimeException e) {
          // one answer that cannot be written (its connection gone) must not leave the others unanswered
          LOG.debug("OsmAnd answer not written: {}", e.toString());
        }
      }
      dropAnswered();
    }));
  }

  private void completed(Waiting w, Throwable failure) {
    handOff.execute(() -> {
      answer(w, failure);
      dropAnswered();
    });
  }

  private void answer(Waiting w, Throwable failure) {
    if (!w.answered) {
      w.answered = true;
      if (failure == null) {
        w.reply.ok();
      } else {
        w.reply.fail(failure, retryAfter);
      }
    }
  }

  /** Lets the answered requests at the head of the queue go. */
  private void dropAnswered() {
    Waiting head;
    while ((head = waiting.peek()) != null && head.answered) {
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
