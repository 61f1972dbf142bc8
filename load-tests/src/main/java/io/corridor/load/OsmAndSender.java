package io.corridor.load;

import java.util.List;

/** Sends a run of OsmAnd requests for {@code bench tracking}. */
interface OsmAndSender extends AutoCloseable {

  /** Sends every request, {@code concurrency} at a time; returns when each was answered. */
  OsmAndLoad.Result run(List<String> requests, int concurrency) throws Exception;
}
