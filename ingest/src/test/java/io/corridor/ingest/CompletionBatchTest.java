package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CompletionBatchTest {

  @Test
  void outsideABatchAWakeUpRunsAtOnce() {
    List<String> log = new ArrayList<>();
    CompletionBatch.afterBatch(() -> log.add("woken"));
    assertThat(log).containsExactly("woken");
  }

  @Test
  void wakeUpsQueuedByCompletionsRunOnceEveryFutureOfTheGroupIsComplete() {
    List<String> log = new ArrayList<>();
    AtomicBoolean scheduled = new AtomicBoolean();
    List<CompletableFuture<Integer>> group = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CompletableFuture<Integer> f = new CompletableFuture<>();
      int n = i;
      f.thenRun(() -> {
        log.add("completed " + n);
        if (scheduled.compareAndSet(false, true)) { // as a loop hand-off does: one wake-up while one is pending
          CompletionBatch.afterBatch(() -> log.add("woken"));
        }
      });
      group.add(f);
    }
    CompletionBatch.completing(() -> group.forEach(f -> f.complete(1)));
    assertThat(log).containsExactly("completed 0", "completed 1", "completed 2", "completed 3", "completed 4", "woken");
  }

  @Test
  void aNestedBatchJoinsTheOuterOne() {
    List<String> log = new ArrayList<>();
    CompletionBatch.completing(() -> {
      CompletionBatch.completing(() -> CompletionBatch.afterBatch(() -> log.add("inner")));
      log.add("outer done");
      CompletionBatch.afterBatch(() -> log.add("outer"));
    });
    assertThat(log).containsExactly("outer done", "inner", "outer");
  }

  @Test
  void aFailingWakeUpDoesNotKeepTheOthersFromRunning() {
    List<String> log = new ArrayList<>();
    CompletionBatch.completing(() -> {
      CompletionBatch.afterBatch(() -> {
        throw new IllegalStateException("loop closed");
      });
      CompletionBatch.afterBatch(() -> log.add("second loop woken"));
    });
    assertThat(log).containsExactly("second loop woken");
    CompletionBatch.afterBatch(() -> log.add("after the batch, at once"));
    assertThat(log).endsWith("after the batch, at once");
  }
}
