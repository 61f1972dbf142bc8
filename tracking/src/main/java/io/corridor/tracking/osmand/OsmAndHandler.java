package io.corridor.tracking.osmand;

import io.corridor.events.Position;
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
   * refusal known at once (bad parameters, wrong key) is answered at once; a checked fix joins
   * {@code batch}, stored with the other fixes of the loop's turn, and is answered after their
   * commit (a full writer queue is a 503 then).
   *
   * @param post whether the method is POST
   * @param uri the request target as sent ({@code /?id=...})
   * @param contentType the {@code Content-Type} header, or null
   */
  void handle(boolean post, String uri, String contentType, byte[] body, OsmAndReply reply, OsmAndBatch batch) {
    List<Position> checked;
    try {
      checked = accept(post, uri, contentType, body);
    } catch (RuntimeException e) {
      // an IngestException is its 4xx; anything else a 503, so the tracker retries
      reply.fail(e, retryAfter);
      return;
    }
    batch.add(reply, checked);
  }

  /** Queues checked positions (at most {@link #maxBatch()}) for one group commit; completes after it. */
  CompletableFuture<Void> store(List<Position> positions) {
    return service.storeChecked(positions);
  }

  /** The most positions one {@link #store} call may carry. */
  int maxBatch() {
    return service.maxBatch();
  }

  /** The write timeout the answers wait for at most. */
  Duration writeTimeout() {
    return service.writeTimeout();
  }

  /** How long a device is told to wait before retrying. */
  Duration retryAfter() {
    return retryAfter;
  }

  /** The request's positions, decoded, from an authenticated tracker and checked; throws its refusal. */
  private List<Position> accept(boolean post, String uri, String contentType, byte[] body) {
    OsmAndParams params = OsmAndParams.ofUri(uri);
    if (post && mediaType(contentType).equals("application/json")) {
      OsmAndMessage message = json.decode(body, params.first("key"));
      TrackerIdentity sender = auth.osmand(message.deviceId(), message.key());
      service.check(sender, "traccar-json", message.positions(), TraccarJsonDecoder.fieldNames());
      return message.positions();
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
    service.check(sender, "osmand", message.positions(), OsmAndDecoder.parameterNames());
    return message.positions();
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
