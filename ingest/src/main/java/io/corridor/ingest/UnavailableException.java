package io.corridor.ingest;

import java.time.Duration;

/** The read was not stored (database down, writer overloaded, commit too slow): 503 and retry later. */
public final class UnavailableException extends IngestException {

  private final Duration retryAfter;

  /** {@code reason} is shown to the device; {@code cause} may be null. */
  public UnavailableException(String reason, Duration retryAfter, Throwable cause) {
    super(503, "unavailable", null, reason);
    this.retryAfter = retryAfter;
    if (cause != null) {
      initCause(cause);
    }
  }

  /** How long the edge should wait before retrying. */
  public Duration retryAfter() { return retryAfter; }
}
