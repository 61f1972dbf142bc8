package io.corridor.tracking.osmand;

import io.corridor.events.Position;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The checked fixes of one turn of an OsmAnd server instance's event loop, handed to the writer
 * as one request. A tracker has one request in flight per connection, so the fixes of one turn
 * come from many connections; rather than a writer request, a commit future and a completion per
 * fix, the first fix of a turn schedules a task behind the turn's reads (the loop runs its tasks
 * after the socket reads it was woken for), which stores them all at once, and their answers
 * complete together through {@link OsmAndAnswers#answerAll}. A fix waits at most for the rest of
 * the turn it was read in. Everything runs on the instance's event loop.
 */
final class OsmAndBatch {

  private final Context context;
  private final Function<List<Position>, CompletionStage<?>> store;
  private final int maxPositions;
  private final OsmAndAnswers answers;
  private final Handler<Void> flush = v -> flush();
  /** The turn's fixes and their answers, in the order read; null when none waits. */
  private List<Position> positions;
  private List<OsmAndReply> replies;

  /**
   * @param store queues checked positions for one group commit; its stage completes after the commit
   * @param maxPositions the most positions one call of {@code store} may carry
   */
  OsmAndBatch(Context context, Function<List<Position>, CompletionStage<?>> store, int maxPositions,
      OsmAndAnswers answers) {
    this.context = context;
    this.store = store;
    this.maxPositions = maxPositions;
    this.answers = answers;
  }

  /** Queues {@code fixes} (checked, at most the batch limit) to be stored with the turn's others; answers {@code reply} after. */
  void add(OsmAndReply reply, List<Position> fixes) {
    if (positions != null && positions.size() + fixes.size() > maxPositions) {
      flush(); // a full batch goes now; the task scheduled for it stores the next one, or nothing
    }
    if (positions == null) {
      positions = new ArrayList<>(64);
      replies = new ArrayList<>(64);
      context.runOnContext(flush);
    }
    positions.addAll(fixes);
    replies.add(reply);
  }

  /** Stores the waiting fixes now. */
  void flush() {
    if (positions == null) {
      return;
    }
    List<Position> stored = positions;
    List<OsmAndReply> waiting = replies;
    positions = null;
    replies = null;
    CompletionStage<?> committed;
    try {
      committed = store.apply(stored);
    } catch (RuntimeException e) {
      committed = CompletableFuture.failedFuture(e); // answered as a 503, so the trackers retry
    }
    answers.answerAll(waiting, committed);
  }
}
