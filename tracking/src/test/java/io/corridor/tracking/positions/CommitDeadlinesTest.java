package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CommitDeadlinesTest {

  @Test
  void aCommitNotDoneInTimeFailsWithATimeoutAndOneDoneInTimeKeepsItsResult() throws Exception {
    try (CommitDeadlines deadlines = new CommitDeadlines(Duration.ofMillis(200))) {
      CompletableFuture<String> slow = deadlines.watch(new CompletableFuture<>());
      CompletableFuture<String> quick = deadlines.watch(new CompletableFuture<>());
      quick.complete("stored");
      assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
      assertThat(quick.get()).isEqualTo("stored");
      slow.complete("too late"); // the writer completing it afterwards changes nothing
      assertThat(slow).isCompletedExceptionally();
    }
  }

  @Test
  void aSweepStopsAtTheFirstCommitNotYetDueAndDropsWhatIsDone() {
    try (CommitDeadlines deadlines = new CommitDeadlines(Duration.ofHours(1))) {
      CompletableFuture<String> done = deadlines.watch(new CompletableFuture<>());
      CompletableFuture<String> waiting = deadlines.watch(new CompletableFuture<>());
      deadlines.watch(CompletableFuture.completedFuture("already stored")); // never queued
      done.complete("stored");
      deadlines.sweep();
      assertThat(deadlines.watched()).isEqualTo(1);
      assertThat(waiting).isNotDone();
    }
  }
}
