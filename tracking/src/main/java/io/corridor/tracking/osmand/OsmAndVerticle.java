package io.corridor.tracking.osmand;

import io.corridor.events.http.ErrorResponse;
import io.corridor.platform.tls.ListenerTls;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.IntConsumer;

/**
 * The OsmAnd/Traccar protocol server on its own port ({@code tracking.osmand.port}), path {@code /},
 * so a tracker configured for a Traccar server works unchanged when pointed at Corridor. With
 * {@code tracking.osmand.tls.cert} set the port serves HTTPS only. A request without a body (the
 * query-string form, GET or an empty POST) goes straight to the handler; one with a body is read
 * through {@link BodyHandler} with the body limit first.
 */
public final class OsmAndVerticle extends VerticleBase {

  private final String host;
  private final int port;
  private final int maxBodyBytes;
  private final ListenerTls tls;
  private final OsmAndHandler handler;
  private final IntConsumer bound;
  private HttpServer server;
  private long sweep = -1;

  /**
   * @param port the port; 0 for any free one
   * @param tls the listener's certificate and key, or plain
   * @param bound told the port actually bound
   */
  public OsmAndVerticle(String host, int port, int maxBodyBytes, ListenerTls tls, OsmAndHandler handler,
      IntConsumer bound) {
    this.host = host;
    this.port = port;
    this.maxBodyBytes = maxBodyBytes;
    this.tls = tls;
    this.handler = handler;
    this.bound = bound;
  }

  @Override
  public Future<?> start() {
    OsmAndAnswers answers = new OsmAndAnswers(context, handler.writeTimeout(), handler.retryAfter());
    // a commit slower than the write timeout is answered 503 within a tenth of it more (at most 1 s)
    sweep = vertx.setPeriodic(Math.clamp(handler.writeTimeout().toMillis() / 10, 10, 1000), id -> answers.expire());
    Router router = Router.router(vertx);
    router.route("/")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(ctx -> handler.handle(ctx, answers));
    router.errorHandler(404, ctx -> ErrorResponse.send(ctx.response(), 404, "not_found", null,
        "the OsmAnd protocol is served on path / only"));
    router.errorHandler(413, ctx -> ErrorResponse.send(ctx.response(), 413, "body_too_large", null,
        "request body exceeds " + maxBodyBytes + " bytes"));
    router.errorHandler(500, ctx -> ErrorResponse.unavailable(ctx.response(), 5, "position not stored: internal error"));
    // No WebSocket is served here: without its compression the pipeline has no extension handler
    // for every request and answer to pass through. Compression of the empty answers stays off.
    server = vertx.createHttpServer(tls.applyTo(new HttpServerOptions().setHost(host).setPort(port)
        .setIdleTimeout(60).setCompressionSupported(false).setDecompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false)));
    return server.requestHandler(request -> {
      if (bodiless(request) && "/".equals(request.path())) {
        handler.handle(request, null, answers); // nearly every tracker: the fix in the query string, nothing to read
      } else {
        router.handle(request);
      }
    }).listen().onSuccess(s -> bound.accept(s.actualPort()));
  }

  /**
   * Whether an HTTP/1.x request carries no body: neither chunked nor a non-zero
   * {@code Content-Length}. Such a request skips the router and {@link BodyHandler}, which would
   * end it through a second dispatch (with {@code Content-Length: 0}, as many HTTP libraries send
   * an empty POST) and build a routing context for nothing to read.
   */
  static boolean bodiless(HttpServerRequest request) {
    if (request.version() == HttpVersion.HTTP_2 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      return false;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return length == null || length.trim().equals("0");
  }

  @Override
  public Future<?> stop() {
    if (sweep >= 0) {
      vertx.cancelTimer(sweep);
    }
    return server == null ? Future.succeededFuture() : server.close();
  }
}
