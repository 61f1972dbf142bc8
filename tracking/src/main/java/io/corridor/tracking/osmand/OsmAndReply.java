package io.corridor.tracking.osmand;

import io.corridor.tracking.positions.DeviceAnswers;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;

/**
 * Where the answer of one OsmAnd request goes: 200 after its commit, or the error its failure
 * stands for. Called once, on the event loop of the request's connection.
 */
interface OsmAndReply {

  /** Answers 200 with an empty body: the position is committed. */
  void ok();

  /**
   * Answers {@code failure}: an {@code IngestException} as its 4xx, an {@code UnavailableException}
   * as 503 with its Retry-After, anything else as 503 with {@code retryAfter}.
   */
  void fail(Throwable failure, Duration retryAfter);

  /** A reply through a Vert.x HTTP response. */
  static OsmAndReply of(HttpServerResponse response) {
    return new OsmAndReply() {
      @Override
      public void ok() {
        response.setStatusCode(200).end();
      }

      @Override
      public void fail(Throwable failure, Duration retryAfter) {
        DeviceAnswers.fail(response, failure, retryAfter);
      }
    };
  }
}
