package io.corridor.ingest;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** Turns what went wrong with a frame's reads into the answer the camera gets. */
final class FrameFailures {

  private FrameFailures() {}

  /**
   * An {@link IngestException} as it is, anything else (a failed or timed-out commit) as 503: the
   * frame was not acknowledged and the camera retries it with the same id.
   */
  static IngestException notStored(Throwable failure, String what, Duration retryAfter) {
    Throwable cause = unwrap(failure);
    if (cause instanceof IngestException e) {
      return e;
    }
    String reason = cause instanceof TimeoutException ? " in time" : "";
    return new UnavailableException(what + " not stored" + reason + "; retry the frame", retryAfter, cause);
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
