package io.corridor.node;

import io.corridor.api.ApiRoutes;
import io.corridor.events.http.ErrorResponse;
import io.corridor.ingest.IngestRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Consumer;

/**
 * The node's one HTTP server: device ingest and the user API on one port, with every framework
 * error (401, 403, 404, 405, 413, 500) answered in Corridor's JSON error shape; HTTPS when
 * {@link TlsOptions} has a certificate.
 */
final class HttpVerticle extends VerticleBase {

  /** Seconds a connection may stay silent, including a request waiting for its frame's group. */
  static final int IDLE_TIMEOUT_SECONDS = 60;

  private final NodeOptions options;
  private final TlsOptions tls;
  private final IngestRoutes ingest;
  private final ApiRoutes api;
  private final List<Consumer<Router>> moduleRoutes;
  private final Consumer<List<String>> mounted;

  HttpVerticle(NodeOptions options, TlsOptions tls, IngestRoutes ingest, ApiRoutes api,
      List<Consumer<Router>> moduleRoutes, Consumer<List<String>> mounted) {
    this.options = options;
    this.tls = tls;
    this.ingest = ingest;
    this.api = api;
    this.moduleRoutes = List.copyOf(moduleRoutes);
    this.mounted = mounted;
  }

  /** {@code "METHOD /path"} of every route that answers a method (not the handlers in front of them). */
  static List<String> describe(Router router) {
    return router.getRoutes().stream().filter(r -> r.methods() != null && !r.methods().isEmpty() && r.getPath() != null)
        .flatMap(r -> r.methods().stream().map(m -> m.name() + " " + r.getPath())).distinct().sorted().toList();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    ingest.mount(router);
    api.mount(router);
    moduleRoutes.forEach(mount -> mount.accept(router));
    mounted.accept(describe(router));
    router.errorHandler(400, ctx -> ErrorResponse.send(ctx.response(), 400, "bad_request", null, "request could not be read"));
    router.errorHandler(401, ctx -> ErrorResponse.send(ctx.response(), 401, "unauthenticated", null,
        "a valid, unexpired bearer token is required (Authorization: Bearer …)"));
    router.errorHandler(403, ctx -> ErrorResponse.send(ctx.response(), 403, "forbidden", null,
        "your role does not allow this request"));
    router.errorHandler(404, ctx -> ErrorResponse.send(ctx.response(), 404, "not_found", null,
        "no such resource: " + ctx.request().path()));
    router.errorHandler(405, ctx -> ErrorResponse.send(ctx.response(), 405, "method_not_allowed", null,
        ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> ErrorResponse.send(ctx.response(), 413, "body_too_large", null,
        "request body exceeds the limit of " + ctx.request().path() + "; send smaller batches"));
    router.errorHandler(500, ctx -> {
      org.slf4j.LoggerFactory.getLogger(HttpVerticle.class).error("{} {} failed", ctx.request().method(),
          ctx.request().path(), ctx.failure());
      ErrorResponse.send(ctx.response(), 500, "internal_error", null, "unexpected error; it has been logged");
    });
    return vertx.createHttpServer(tls.applyTo(new HttpServerOptions())
            .setHost(options.httpHost())
            .setPort(options.httpPort())
            .setCompressionSupported(true)
            .setIdleTimeout(IDLE_TIMEOUT_SECONDS))
        .requestHandler(router)
        .listen();
  }
}
