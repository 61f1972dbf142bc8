package io.corridor.tracking.osmand;

import io.corridor.ingest.IngestException;
import io.corridor.tracking.positions.DeviceAnswers;
import io.corridor.tracking.positions.PositionService;
import io.corridor.tracking.positions.TrackerAuthenticator;
import io.corridor.tracking.positions.TrackerIdentity;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
  public void handle(RoutingContext ctx) {
    handle(ctx.request(), ctx.body().buffer());
  }

  /**
   * Handles {@code request} on its event loop, with its body already read: {@code body} is null or
   * empty for a request without one (GET, or a POST with its fix in the query string).
   */
  public void handle(HttpServerRequest request, Buffer body) {
    Future<List<String>> stored;
    try {
      stored = Future.fromCompletionStage(accept(request, body), Vertx.currentContext());
    } catch (RuntimeException e) {
      stored = Future.failedFuture(e); // an IngestException is its 4xx; anything else a 503, so the tracker retries
    }
    stored.onSuccess(ids -> request.response().setStatusCode(200).end())
        .onFailure(failure -> DeviceAnswers.fail(request.response(), failure, retryAfter));
  }

  private java.util.concurrent.CompletionStage<List<String>> accept(HttpServerRequest request, Buffer buffer) {
    Map<String, List<String>> params = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8).parameters();
    String type = request.getHeader("Content-Type");
    type = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
    boolean post = request.method() == HttpMethod.POST;
    if (post && type.equals("application/json")) {
      OsmAndMessage message = json.decode(body, first(params, "key"));
      TrackerIdentity sender = auth.osmand(message.deviceId(), message.key());
      return service.accept(sender, "traccar-json", message.positions(), TraccarJsonDecoder.fieldNames());
    }
    if (post && params.isEmpty() && body.length > 0) {
      // A POST without a query is read as a form body, whatever its Content-Type says.
      params = new QueryStringDecoder(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters();
    }
    if (params.isEmpty()) {
      throw IngestException.invalid("id", "no parameters; send id, lat, lon and timestamp in the query string or a form body");
    }
    OsmAndMessage message = query.decode(params);
    TrackerIdentity sender = auth.osmand(message.deviceId(), message.key());
    return service.accept(sender, "osmand", message.positions(), OsmAndDecoder.parameterNames());
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
