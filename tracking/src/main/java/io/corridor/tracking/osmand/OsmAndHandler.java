package io.corridor.tracking.osmand;

import io.corridor.ingest.IngestException;
import io.corridor.tracking.positions.DeviceAnswers;
import io.corridor.tracking.positions.PositionService;
import io.corridor.tracking.positions.TrackerAuthenticator;
import io.corridor.tracking.positions.TrackerIdentity;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One OsmAnd/Traccar request, as a Traccar server takes it on port 5055, path {@code /}: the query
 * string (GET or POST), a form body (POST without a query), or Traccar Client's JSON
 * ({@code Content-Type: application/json}). Answers 200 with an empty body after commit, 400 for
 * an unknown id or bad parameters (the body names the parameter), 401/403 for a wrong key or a
 * revoked tracker, 503 with Retry-After when the position could not be stored.
 */
public final class OsmAndHandler {

  private final TrackerAuthenticator auth;
  private final PositionService service;
  private final OsmAndDecoder query;
  private final TraccarJsonDecoder json = new TraccarJsonDecoder();
  private final Duration retryAfter;

  /** Decodes with {@code query}, authenticates with {@code auth}, stores through {@code service}. */
  public OsmAndHandler(TrackerAuthenticator auth, PositionService service, OsmAndDecoder query, Duration retryAfter) {
    this.auth = auth;
    this.service = service;
    this.query = query;
    this.retryAfter = retryAfter;
  }

  /** Handles {@code ctx}; its body must have been read. */
  void handle(RoutingContext ctx, OsmAndAnswers answers) {
    handle(ctx.request(), ctx.body().buffer(), answers);
  }

  /**
   * Handles {@code request} on its event loop, with its body already read: {@code body} is null or
   * empty for a request without one (GET, or a POST with its fix in the query string). A refusal
   * known at once (bad parameters, wrong key, a full writer queue) is answered at once; a queued
   * fix is answered by {@code answers} after its commit.
   */
  void handle(HttpServerRequest request, Buffer body, OsmAndAnswers answers) {
    CompletableFuture<List<String>> stored;
    try {
      stored = accept(request, body);
    } catch (RuntimeException e) {
      // an IngestException is its 4xx; anything else a 503, so the tracker retries
      DeviceAnswers.fail(request.response(), e, retryAfter);
      return;
    }
    if (stored.isCompletedExceptionally()) {
      stored.whenComplete((ids, failure) -> DeviceAnswers.fail(request.response(), failure, retryAfter));
    } else {
      answers.answer(request.response(), stored);
    }
  }

  /** The write timeout the answers wait for at most. */
  Duration writeTimeout() {
    return service.writeTimeout();
  }

  /** How long a device is told to wait before retrying. */
  Duration retryAfter() {
    return retryAfter;
  }

  private CompletableFuture<List<String>> accept(HttpServerRequest request, Buffer buffer) {
    OsmAndParams params = OsmAndParams.ofUri(request.uri());
    boolean post = request.method() == HttpMethod.POST;
    if (post && mediaType(request).equals("application/json")) {
      OsmAndMessage message = json.decode(buffer == null ? new byte[0] : buffer.getBytes(), params.first("key"));
      TrackerIdentity sender = auth.osmand(message.deviceId(), message.key());
      return service.acceptUntimed(sender, "traccar-json", message.positions(), TraccarJsonDecoder.fieldNames());
    }
    if (post && params.size() == 0 && buffer != null && buffer.length() > 0) {
      // A POST without a query is read as a form body, whatever its Content-Type says.
      params = OsmAndParams.ofForm(buffer.toString(StandardCharsets.UTF_8));
    }
    if (params.size() == 0) {
      throw IngestException.invalid("id", "no parameters; send id, lat, lon and timestamp in the query string or a form body");
    }
    OsmAndMessage message = query.decode(params);
    TrackerIdentity sender = auth.osmand(message.deviceId(), message.key());
    return service.acceptUntimed(sender, "osmand", message.positions(), OsmAndDecoder.parameterNames());
  }

  /** The request's media type in lower case, without parameters; empty when it names none. */
  private static String mediaType(HttpServerRequest request) {
    String type = request.getHeader("Content-Type");
    return type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
  }
}
