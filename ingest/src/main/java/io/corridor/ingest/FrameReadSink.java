package io.corridor.ingest;

import java.util.concurrent.CompletableFuture;

/**
 * Where {@link FrameService} sends a recognised frame's reads: straight to the writer
 * ({@link ImmediateFrameReads}) or through per-vehicle grouping ({@link GroupedFrameReads}).
 * Either way the frame's answer completes only after the reads it contributed to are committed.
 */
public interface FrameReadSink {

  /**
   * Refuses a frame before it is recognised when the sink cannot take more.
   *
   * @throws UnavailableException to answer 503 at once
   */
  default void admit() {}

  /**
   * Blocking work before {@link #store}, such as a database look-up; {@link FrameService} runs it
   * on the recognition worker, never on an event loop.
   *
   * @throws IngestException to refuse the frame
   */
  default RecognizedFrame prepare(RecognizedFrame frame) {
    return frame;
  }

  /**
   * Stores the frame's reads (it has at least one). Never blocks.
   *
   * @return completes after commit with the frame's answer, or fails with an {@link IngestException}
   */
  CompletableFuture<FrameResult> store(RecognizedFrame frame);
}
