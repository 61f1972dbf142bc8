package io.corridor.load;

import java.util.List;

/** Sends a run of OsmAnd requests for {@code bench tracking}. */
interface OsmAndSender extends AutoCloseable {

  /**
   * Encodes {@code requests} ahead of their {@link #run}, so that a timed run's CPU window holds the
   * load alone (encoding 100 000 requests, and the JIT compiling the formatter for it, belongs to
   * no side of the exchange); a sender that encodes nothing ahead ignores it.
   */
  default void prepare(List<String> requests) {}

  /** Sends every request, {@code concurrency} at a time; returns when each was answered. */
  OsmAndLoad.Result run(List<String> requests, int concurrency) throws Exception;
}
