package io.corridor.tracking.osmand;

import io.corridor.ingest.IngestException;
import io.corridor.tracking.positions.PositionService;
import io.corridor.tracking.positions.TrackerAuthenticator;
import io.corridor.tracking.positions.TrackerIdentity;
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

  /**
   * Handles one request on its connection's event loop, with its body already read: {@code body}
   * is empty for a request without one (GET, or a POST with its fix in the query string). A
   * refusal known at once (bad parameters, wrong key, a full writer queue) is answered at once; a
   * queued fix is answered by {@code answers} after its commit.
   *
   * @param post whether the method is POST
   * @param uri the request target as sent ({@code /?id=...})
   * @param contentType the {@code Content-Type} header, or null
   */
  void handle(boolean post, String uri, String contentType, byte[] body, OsmAndReply reply, OsmAndAnswers answers) {
    CompletableFuture<List<String>> stored;
    try {
      stored = accept(post, uri, contentType, body);
    } catch (RuntimeException e) {
      // an IngestException is its 4xx; anything else a 503, so the tracker retries
      reply.fail(e, retryAfter);
      return;
    }
    if (stored.isCompletedExceptionally()) {
      stored.whenComplete((ids, failure) -> reply.fail(failure, retryAfter));
    } else {
      answers.answer(reply, stored);
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

  private CompletableFuture<List<String>> accept(boolean post, String uri, String contentType, byte[] body) {
    OsmAndParams params = OsmAndParams.ofUri(uri);
    if (post && mediaType(contentType).equals("application/json")) {
      OsmAndMessage message = json.decode(body, params.first("key"));
      TrackerIdentity sender = auth.osmand(message.deviceId(), message.key());
      return service.acceptUntimed(sender, "traccar-json", message.positions(), TraccarJsonDecoder.fieldNames());
    }
    if (post && params.size() == 0 && body.length > 0) {
      // A POST without a query is read as a form body, whatever its Content-Type says.
      params = OsmAndParams.ofForm(new String(body, StandardCharsets.UTF_8));
    }
    if (params.size() == 0) {
      throw IngestException.invalid("id", "no parameters; send id, lat, lon and timestamp in the query string or a form body");
    }
    OsmAndMessage message = query.decode(params);
    TrackerIdentity sender = auth.osmand(message.deviceId(), message.key());
    return service.acceptUntimed(sender, "osmand", message.positions(), OsmAndDecoder.parameterNames());
  }

  /** The media type of a {@code Content-Type} in lower case, without parameters; empty when it names none. */
  private static String mediaType(String type) {
    if (type == null) {
      return "";
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
