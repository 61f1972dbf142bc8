package io.corridor.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Turns a writer's commit into the answer a device gets: the answer after commit, else a 503 to retry. */
public final class Commits {

  private Commits() {}

  /**
   * Completes with {@code answer} once {@code commit} has, fails with {@link UnavailableException}
   * when it does not within {@code ingest.write-timeout} or fails, or with the writer's own
   * {@link IngestException}.
   */
  public static <T> CompletableFuture<T> answerAfter(CompletableFuture<?> commit, T answer, IngestOptions options) {
    return commit.orTimeout(options.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle((stored, failure) -> {
          if (failure == null) {
            return answer;
          }
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof TimeoutException) {
            throw new UnavailableException("commit did not finish within " + options.writeTimeout().toSeconds()
                + " s; retry with the same ids", options.retryAfter(), cause);
          }
          if (cause instanceof IngestException ingest) {
            throw ingest;
          }
          throw new UnavailableException("read not stored: " + cause, options.retryAfter(), cause);
        });
  }
}
