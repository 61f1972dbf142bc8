package io.corridor.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.tracking.detect.LatLon;
import io.corridor.tracking.detect.TrackPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Batches of fixes: what queues while a batch is judged goes into the next, in arrival order. */
class FixBatchesTest {

  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private static TrackPoint fix(int i) {
    return TrackPoint.at("trk-" + (i % 3), T0.plusSeconds(i), new LatLon(41.3, 19.5));
  }

  /** Runs tasks only when told, so a test sees what each batch holds. */
  private static final class Manual implements Executor {
    final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable r) {
      tasks.add(r);
    }

    void runNext() {
      tasks.poll().run();
    }
  }

  @Test
  void fixesArrivingWhileABatchIsJudgedGoTogetherIntoTheNextInOrder() {
    Manual pool = new Manual();
    List<List<Instant>> batches = new ArrayList<>();
    FixBatches b = new FixBatches(pool, batch -> {
      batches.add(batch.stream().map(p -> p.point().time()).toList());
      batch.forEach(p -> p.done().complete(null));
    });
    CompletableFuture<Void> first = b.add(fix(0));
    assertThat(pool.tasks).as("one drain scheduled, not one per fix").hasSize(1);
    b.add(fix(1));
    b.add(fix(2));
    pool.runNext();
    assertThat(first).isCompleted();
    assertThat(batches).containsExactly(List.of(T0, T0.plusSeconds(1), T0.plusSeconds(2)));

    List<CompletableFuture<Void>> later = new ArrayList<>();
    for (int i = 3; i < 8; i++) {
      later.add(b.add(fix(i)));
    }
    assertThat(pool.tasks).hasSize(1);
    pool.runNext();
    assertThat(batches).hasSize(2);
    assertThat(batches.get(1)).hasSize(5).isSorted();
    assertThat(later).allMatch(CompletableFuture::isDone);
    assertThat(pool.tasks).as("nothing left, nothing scheduled").isEmpty();
  }

  @Test
  void aBatchThatThrowsFailsItsFixesAndTheNextBatchStillRuns() {
    Manual pool = new Manual();
    List<Integer> sizes = new ArrayList<>();
    FixBatches b = new FixBatches(pool, batch -> {
      sizes.add(batch.size());
      if (sizes.size() == 1) {
        throw new IllegalStateException("cluster unavailable");
      }
      batch.forEach(p -> p.done().complete(null));
    });
    CompletableFuture<Void> failed = b.add(fix(0));
    pool.runNext();
    assertThat(failed).isCompletedExceptionally();
    CompletableFuture<Void> next = b.add(fix(1));
    pool.runNext();
    assertThat(next).isCompleted().isNotCompletedExceptionally();
  }

  @Test
  void aRefusingPoolFailsTheWaitingFixesAndALaterFixIsScheduledAgain() {
    List<Runnable> accepted = new ArrayList<>();
    boolean[] refuse = {true};
    FixBatches b = new FixBatches(r -> {
      if (refuse[0]) {
        throw new RejectedExecutionException("full");
      }
      accepted.add(r);
    }, batch -> batch.forEach(p -> p.done().complete(null)));
    assertThat(b.add(fix(0))).isCompletedExceptionally();
    refuse[0] = false;
    CompletableFuture<Void> next = b.add(fix(1));
    assertThat(accepted).hasSize(1);
    accepted.get(0).run();
    assertThat(next).isCompleted();
  }

  @Test
  void beyondTheQueueLimitAFixFailsAtOnce() {
    Manual pool = new Manual(); // never run: the fixes stay queued
    FixBatches b = new FixBatches(pool, batch -> batch.forEach(p -> p.done().complete(null)));
    for (int i = 0; i < FixBatches.MAX_QUEUED; i++) {
      assertThat(b.add(fix(i))).isNotDone();
    }
    assertThat(b.add(fix(0))).isCompletedExceptionally();
    pool.runNext();
    assertThat(b.add(fix(1))).as("room again once a batch was taken").isNotCompletedExceptionally();
  }

  @Test
  void fixesAddedTogetherGoIntoOneBatchEvenWhenThePoolStartsItAtOnce() {
    List<List<Instant>> batches = new ArrayList<>();
    FixBatches[] b = new FixBatches[1];
    // a pool that runs the batch on the caller at once: with add per fix, the first fix would be a batch alone
    b[0] = new FixBatches(Runnable::run, batch -> {
      batches.add(batch.stream().map(p -> p.point().time()).toList());
      batch.forEach(p -> p.done().complete(null));
    });
    List<CompletableFuture<Void>> done = b[0].addAll(List.of(fix(0), fix(1), fix(2)));
    assertThat(done).hasSize(3).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(batches).containsExactly(List.of(T0, T0.plusSeconds(1), T0.plusSeconds(2)));
  }

  @Test
  void underLoadTheNextBatchWaitsOutTheIntervalAndTakesWhatQueuedMeanwhile() throws Exception {
    Manual pool = new Manual();
    List<Integer> sizes = new ArrayList<>();
    FixBatches b = new FixBatches(pool, batch -> {
      sizes.add(batch.size());
      batch.forEach(p -> p.done().complete(null));
    }, java.time.Duration.ofMillis(300), FixBatches.MAX_BATCH);
    b.add(fix(0));
    assertThat(pool.tasks).as("after a quiet spell a fix is judged at once").hasSize(1);
    pool.runNext();
    long judged = System.nanoTime();
    List<CompletableFuture<Void>> later = new ArrayList<>();
    for (int i = 1; i < 6; i++) {
      later.add(b.add(fix(i)));
    }
    assertThat(pool.tasks).as("the next batch waits for the interval").isEmpty();
    while (pool.tasks.isEmpty()) {
      Thread.sleep(10);
    }
    assertThat(System.nanoTime() - judged).isGreaterThanOrEqualTo(250_000_000L);
    pool.runNext();
    assertThat(sizes).containsExactly(1, 5);
    assertThat(later).allMatch(CompletableFuture::isDone);
  }

  @Test
  void aFullBatchDoesNotWaitOutTheInterval() {
    Manual pool = new Manual();
    FixBatches b = new FixBatches(pool, batch -> batch.forEach(p -> p.done().complete(null)), java.time.Duration.ofHours(1),
        FixBatches.MAX_BATCH);
    b.add(fix(0));
    pool.runNext();
    List<TrackPoint> many = new ArrayList<>();
    for (int i = 0; i < FixBatches.MAX_BATCH; i++) {
      many.add(fix(i));
    }
    b.addAll(many);
    assertThat(pool.tasks).as("a full batch's worth waiting starts at once").hasSize(1);
  }

  @Test
  void aSmallerLargestBatchStartsAtOnceWhenThatManyWaitAndSplitsTheQueue() {
    Manual pool = new Manual();
    List<Integer> sizes = new ArrayList<>();
    FixBatches b = new FixBatches(pool, batch -> {
      sizes.add(batch.size());
      batch.forEach(p -> p.done().complete(null));
    }, java.time.Duration.ofHours(1), 3);
    b.add(fix(0));
    pool.runNext();
    b.addAll(List.of(fix(1), fix(2), fix(3), fix(4), fix(5)));
    assertThat(pool.tasks).as("three or more waiting: no waiting out the hour").hasSize(1);
    pool.runNext();
    assertThat(sizes).containsExactly(1, 3);
    assertThat(pool.tasks).as("the two left wait out the interval").isEmpty();
  }
}
