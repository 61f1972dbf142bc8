package io.corridor.ingest;

import io.corridor.platform.devices.Device;

import io.corridor.events.http.ErrorResponse;
import io.corridor.ingest.openalpr.OpenAlprWebhook;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.CompletionException;

/**
 * HTTP adapter for device ingest: {@code POST /v1/reads}, {@code POST /v1/frames} and the OpenALPR agent's
 * webhook {@code POST /v1/integrations/openalpr}. It only translates between HTTP and the services
 * ({@link IngestService}, {@link FrameService}, {@link OpenAlprWebhook}); every decision lives there.
 *
 * <p>Devices authenticate with headers {@value #DEVICE_ID_HEADER} and {@value #DEVICE_KEY_HEADER}.
 * Answers: 200 {@code {"accepted": [ids]}} after commit; 400/401/403/413/415 with
 * {@code {error, field?, reason}}; 503 with {@code Retry-After}.
 */
public final class IngestRoutes {

  /** Header carrying the device id. */
  public static final String DEVICE_ID_HEADER = "X-Device-Id";
  /** Header carrying the device key. */
  public static final String DEVICE_KEY_HEADER = "X-Device-Key";

  /** Header carrying when a frame was taken (ISO-8601 or epoch milliseconds). */
  public static final String EVENT_TIME_HEADER = "X-Event-Time";
  /** Optional header carrying the camera's UUID for a frame. */
  public static final String FRAME_ID_HEADER = "X-Frame-Id";
  /** Optional header naming the country expected on the plates of a frame. */
  public static final String COUNTRY_HINT_HEADER = "X-Country-Hint";

  private final IngestService service;
  private final IngestOptions options;
  private final FrameService frames;
  private final FrameOptions frameOptions;
  private final OpenAlprWebhook openAlpr;

  /** Path of the OpenALPR / Rekor Scout agent webhook. */
  public static final String OPENALPR_PATH = "/v1/integrations/openalpr";

  /** Adapts {@code service} (reads) and {@code frames} (images for recognition); no OpenALPR webhook. */
  public IngestRoutes(IngestService service, IngestOptions options, FrameService frames, FrameOptions frameOptions) {
    this(service, options, frames, frameOptions, null);
  }

  /** Adapts {@code service}, {@code frames} and {@code openAlpr} (the agent webhook; null: not mounted). */
  public IngestRoutes(IngestService service, IngestOptions options, FrameService frames, FrameOptions frameOptions,
      OpenAlprWebhook openAlpr) {
    this.service = service;
    this.options = options;
    this.frames = frames;
    this.frameOptions = frameOptions;
    this.openAlpr = openAlpr;
  }

  /** Adds the ingest routes to {@code router}. */
  public void mount(Router router) {
    router.post("/v1/reads")
        .handler(BodyHandler.create(false).setBodyLimit(options.maxBodyBytes()))
        .handler(this::postReads);
    router.post("/v1/frames")
        .handler(BodyHandler.create(false).setBodyLimit(frameOptions.maxFrameBytes()))
        .handler(this::postFrame);
    if (openAlpr != null) {
      // The agent's messages carry base64 crops: the frame size limit applies.
      router.post(OPENALPR_PATH)
          .handler(BodyHandler.create(false).setBodyLimit(frameOptions.maxFrameBytes()))
          .handler(this::postOpenAlpr);
    }
  }

  private void postOpenAlpr(RoutingContext ctx) {
    Context context = ctx.vertx().getOrCreateContext();
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    var request = ctx.request();
    Future.fromCompletionStage(openAlpr.ingest(request.getHeader(DEVICE_ID_HEADER), request.getHeader(DEVICE_KEY_HEADER),
            request.getHeader("Content-Type"), body), context)
        .onSuccess(result -> {
          JsonObject answer = new JsonObject().put("dataType", result.dataType())
              .put("accepted", new JsonArray(result.reads().stream().map(r -> (Object) r.getEventId()).toList()));
          if (result.ignored() != null) {
            answer.put("ignored", result.ignored());
          }
          if (result.dropped() > 0) {
            answer.put("dropped", result.dropped());
          }
          ctx.response().putHeader("Content-Type", "application/json").end(answer.encode());
        })
        .onFailure(failure -> answerFailure(ctx, failure));
  }

  private void postFrame(RoutingContext ctx) {
    Context context = ctx.vertx().getOrCreateContext();
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    var request = ctx.request();
    Future.fromCompletionStage(frames.ingestFrame(request.getHeader(DEVICE_ID_HEADER), request.getHeader(DEVICE_KEY_HEADER),
            request.getHeader("Content-Type"), request.getHeader(EVENT_TIME_HEADER), request.getHeader(FRAME_ID_HEADER),
            request.getHeader(COUNTRY_HINT_HEADER), body), context)
        .onSuccess(result -> {
          JsonArray reads = new JsonArray();
          result.reads().forEach(r -> reads.add(new JsonObject().put("eventId", r.getEventId()).put("plate", r.getPlate())
              .put("country", r.getCountry()).put("confidence", r.getConfidence())));
          ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
              .put("frameId", result.frameId()).put("reads", reads).put("recognitionMillis", result.recognitionMillis())
              .encode());
        })
        .onFailure(failure -> answerFailure(ctx, failure));
  }

  private void postReads(RoutingContext ctx) {
    Context context = ctx.vertx().getOrCreateContext();
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    Future.fromCompletionStage(service.ingestReads(
            ctx.request().getHeader(DEVICE_ID_HEADER),
            ctx.request().getHeader(DEVICE_KEY_HEADER),
            ctx.request().getHeader("Content-Type"),
            body), context)
        .onSuccess(ids -> ctx.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("accepted", new JsonArray(ids)).encode()))
        .onFailure(failure -> answerFailure(ctx, failure));
  }

  private void answerFailure(RoutingContext ctx, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof UnavailableException unavailable) {
      ErrorResponse.unavailable(ctx.response(), unavailable.retryAfter().toSeconds(), unavailable.getMessage());
    } else if (cause instanceof IngestException e) {
      ErrorResponse.send(ctx.response(), e.status(), e.error(), e.field(), e.getMessage());
    } else {
      ErrorResponse.unavailable(ctx.response(), options.retryAfter().toSeconds(), "read not stored: internal error");
    }
  }
}
