package io.corridor.ingest;

import io.corridor.events.PlateRead;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Each frame's reads are committed on their own, as soon as the frame is recognised
 * ({@code anpr.grouping=false} or {@code anpr.group-window=0}). Read ids derive from the frame id
 * and the plate's position, so a retried frame is stored once.
 */
public final class ImmediateFrameReads implements FrameReadSink {

  private final GroupCommitWriter<PlateRead> writer;
  private final Duration writeTimeout;
  private final Duration retryAfter;

  /** Commits through {@code writer}, waiting at most {@code writeTimeout}. */
  public ImmediateFrameReads(GroupCommitWriter<PlateRead> writer, Duration writeTimeout, Duration retryAfter) {
    this.writer = writer;
    this.writeTimeout = writeTimeout;
    this.retryAfter = retryAfter;
  }

  @Override
  public CompletableFuture<FrameResult> store(RecognizedFrame frame) {
    return writer.submit(frame.reads())
        .orTimeout(writeTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((stored, failure) -> {
          if (failure != null) {
            throw FrameFailures.notStored(failure, "reads of frame " + frame.frameId(), retryAfter);
          }
          return new FrameResult(frame.frameId(), frame.reads(), frame.recognitionMillis());
        });
  }
}
