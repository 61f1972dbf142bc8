package io.corridor.tracking.positions;

import io.corridor.events.http.ErrorResponse;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.UnavailableException;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/** Answers a device's failed HTTP request: 4xx as {@code {error, field?, reason}}, 503 with Retry-After. */
public final class DeviceAnswers {

  private DeviceAnswers() {}

  /** The cause behind completion wrappers. */
  public static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /** Sends the answer for {@code failure}; anything unexpected is a 503 so the device retries. */
  public static void fail(HttpServerResponse response, Throwable failure, Duration retryAfter) {
    Throwable cause = unwrap(failure);
    if (cause instanceof UnavailableException unavailable) {
      ErrorResponse.unavailable(response, unavailable.retryAfter().toSeconds(), unavailable.getMessage());
    } else if (cause instanceof IngestException e) {
      ErrorResponse.send(response, e.status(), e.error(), e.field(), e.getMessage());
    } else {
      ErrorResponse.unavailable(response, retryAfter.toSeconds(), "position not stored: internal error");
    }
  }
}
