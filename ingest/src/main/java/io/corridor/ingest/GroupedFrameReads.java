package io.corridor.ingest;

import io.corridor.events.PlateRead;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-vehicle grouping for {@code POST /v1/frames}: a camera's frames of one vehicle become one
 * read, and every one of those frames is answered, with that read, only after it is committed.
 *
 * <p>Threads: the grouping state ({@link FrameGroups}) lives on one dedicated thread; recognition
 * workers hand frames to it, the writer's completions come back to it, and a timer on it closes
 * groups of cameras that fell silent. Nothing on that thread blocks: commits are queued to the
 * {@link GroupCommitWriter}; the look-up of already-stored frames runs in {@link #prepare} on the
 * recognition worker.
 *
 * <p>Grouping is per node. A camera whose frames are spread over several nodes still loses no
 * read; at worst one vehicle gives one read per node.
 */
public final class GroupedFrameReads implements FrameReadSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupedFrameReads.class);

  private final FrameGroups groups;
  private final ScheduledExecutorService thread;
  private final GroupCommitWriter<PlateRead> writer;
  private final StoredFrameReads storedReads;
  private final Duration maxSpan;
  private final int maxHeld;
  private final Duration writeTimeout;
  private final Duration retryAfter;
  private final Duration answerDeadline;
  private final AtomicInteger commitsInFlight = new AtomicInteger();
  private volatile int heldFrames;
  private volatile int openGroups;
  private volatile boolean closing;

  /**
   * Starts the grouping thread.
   *
   * @param storedReads looks up reads that already name a frame (retries)
   */
  public GroupedFrameReads(GroupCommitWriter<PlateRead> writer, StoredFrameReads storedReads, FrameOptions frames,
      IngestOptions ingest, Clock clock) {
    if (!frames.grouping()) {
      throw new IllegalArgumentException("grouping is switched off (" + FrameOptions.GROUP_WINDOW.name() + "=0)");
    }
    this.writer = writer;
    this.storedReads = storedReads;
    this.maxSpan = frames.groupMaxSpan();
    this.maxHeld = frames.groupMaxHeld();
    this.writeTimeout = ingest.writeTimeout();
    this.retryAfter = ingest.retryAfter();
    this.groups = new FrameGroups(frames.groupWindow(), maxSpan, maxHeld, retryAfter, clock);
    // A frame waits at most for its group's span, the window of silence that ends it, and its commit.
    long tickMillis = Math.clamp(frames.groupWindow().toMillis() / 4, 10, 500);
    this.answerDeadline = maxSpan.plus(frames.groupWindow()).plus(writeTimeout).plusMillis(2 * tickMillis + 1000);
    this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("anpr-grouping").daemon().factory());
    thread.scheduleWithFixedDelay(() -> onThread(() -> commit(groups.tick())), tickMillis, tickMillis,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void admit() {
    if (closing) {
      throw stopping();
    }
    if (heldFrames >= maxHeld) {
      throw new UnavailableException("too many frames (" + maxHeld + ") are waiting for their vehicle's read; retry later",
          retryAfter, null);
    }
  }

  /** Looks up the reads that already name this frame, so a retry is answered with them. Blocking. */
  @Override
  public RecognizedFrame prepare(RecognizedFrame frame) {
    Instant takenAt = frame.takenAt();
    List<PlateRead> found;
    try {
      found = storedReads.find(frame.camera().id(), frame.frameId(), takenAt.minus(maxSpan), takenAt.plus(maxSpan));
    } catch (SQLException e) {
      throw new UnavailableException("cannot check whether frame " + frame.frameId()
          + " is already stored: database unavailable; retry the frame", retryAfter, e);
    }
    return found.isEmpty() ? frame : frame.withStored(StoredReadMatch.match(frame, found));
  }

  @Override
  public CompletableFuture<FrameResult> store(RecognizedFrame frame) {
    if (frame.fullyStored()) {
      return CompletableFuture.completedFuture(frame.storedResult());
    }
    CompletableFuture<FrameResult> answer = new CompletableFuture<>();
    try {
      thread.execute(() -> onThread(() -> {
        if (closing) {
          answer.completeExceptionally(stopping());
        } else {
          commit(groups.add(frame, answer));
        }
      }, answer));
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(stopping());
    }
    // A backstop: no request is held for ever, whatever happens to its group.
    return answer.orTimeout(answerDeadline.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
            FrameFailures.notStored(failure, "the read of frame " + frame.frameId(), retryAfter)));
  }

  /** Frames whose answer waits for their group; for metrics. */
  public int heldFrames() {
    return heldFrames;
  }

  /** Groups still open; for metrics. */
  public int openGroups() {
    return openGroups;
  }

  private void commit(List<FrameGroups.ClosedGroup> closed) {
    for (FrameGroups.ClosedGroup group : closed) {
      commitsInFlight.incrementAndGet();
      writer.submit(List.of(group.read()))
          .orTimeout(writeTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((stored, failure) -> resolve(group, failure));
    }
  }

  /** Runs on a writer thread (or at once when the writer refused): hands the outcome to the grouping thread. */
  private void resolve(FrameGroups.ClosedGroup group, Throwable failure) {
    try {
      thread.execute(() -> {
        try {
          onThread(() -> {
            if (failure == null) {
              groups.committed(group);
            } else {
              groups.failed(group, FrameFailures.notStored(failure, "the read of frames " + group.read().getFrameIds(),
                  retryAfter));
            }
          });
        } finally {
          commitsInFlight.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException e) {
      commitsInFlight.decrementAndGet();
      LOG.warn("grouping stopped before the outcome of read {} was handed back; its frames get 503 on timeout",
          group.read().getEventId());
    }
  }

  private void onThread(Runnable task) {
    onThread(task, null);
  }

  /** Runs {@code task} on the grouping thread; a failure is logged and answers {@code answer}, never kills the thread. */
  private void onThread(Runnable task, CompletableFuture<FrameResult> answer) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("frame grouping failed", e);
      if (answer != null) {
        answer.completeExceptionally(new UnavailableException("frame grouping failed; retry the frame", retryAfter, e));
      }
    } finally {
      heldFrames = groups.heldFrames();
      openGroups = groups.openGroups();
    }
  }

  private UnavailableException stopping() {
    return new UnavailableException("node is shutting down; retry the frame", retryAfter, null);
  }

  /**
   * Stops taking frames, closes every open group and commits it, waits for those commits (so the
   * waiting frames get their answers), then answers what is left with 503. Call before closing the
   * writer.
   */
  @Override
  public void close() {
    closing = true;
    try {
      thread.submit(() -> onThread(() -> commit(groups.closeAll()))).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      long deadline = System.nanoTime() + writeTimeout.plusSeconds(1).toNanos();
      while (commitsInFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      thread.submit(() -> onThread(() -> groups.failAll(stopping()))).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      LOG.warn("frame grouping did not drain cleanly: {}", e.toString());
    } finally {
      thread.shutdown();
    }
  }
}
