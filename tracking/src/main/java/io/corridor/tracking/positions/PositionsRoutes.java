package io.corridor.tracking.positions;

import io.corridor.events.Position;
import io.corridor.ingest.IngestException;
import io.corridor.ingest.IngestRoutes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /v1/positions}: Corridor JSON or an Avro container of Position from integrators and
 * gateways, with the device headers of {@code /v1/reads} ({@value IngestRoutes#DEVICE_ID_HEADER},
 * {@value IngestRoutes#DEVICE_KEY_HEADER}). Answers 200 {@code {"accepted": [ids]}} after commit;
 * 400/401/403/413/415 with {@code {error, field?, reason}}; 503 with Retry-After.
 */
public final class PositionsRoutes {

  /** Media types accepted for Avro containers. */
  public static final List<String> AVRO_TYPES = List.of("avro/binary", "application/avro");

  private final TrackerAuthenticator auth;
  private final PositionService service;
  private final int maxBodyBytes;
  private final int maxBatch;
  private final Duration retryAfter;
  private final PositionJsonDecoder json = new PositionJsonDecoder();
  private final PositionAvroDecoder avro = new PositionAvroDecoder();

  /** Adapts {@code service}. */
  public PositionsRoutes(TrackerAuthenticator auth, PositionService service, int maxBodyBytes, int maxBatch,
      Duration retryAfter) {
    this.auth = auth;
    this.service = service;
    this.maxBodyBytes = maxBodyBytes;
    this.maxBatch = maxBatch;
    this.retryAfter = retryAfter;
  }

  /** Adds the route to {@code router}. */
  public void mount(Router router) {
    router.post("/v1/positions")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::post);
  }

  private void post(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    String contentType = ctx.request().getHeader("Content-Type");
    Future<List<String>> accepted;
    try {
      TrackerIdentity sender = auth.requireKey(ctx.request().getHeader(IngestRoutes.DEVICE_ID_HEADER),
          ctx.request().getHeader(IngestRoutes.DEVICE_KEY_HEADER), "tracker");
      String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
      List<Position> positions;
      String protocol;
      if (type.equals("application/json")) {
        positions = json.decode(body);
        protocol = "corridor-json";
      } else if (AVRO_TYPES.contains(type)) {
        positions = avro.decode(body, maxBatch);
        protocol = "corridor-avro";
      } else {
        throw new IngestException(415, "unsupported_media_type", null,
            "Content-Type must be application/json or avro/binary (an Avro container of Position); got '" + contentType + "'");
      }
      accepted = Future.fromCompletionStage(service.accept(sender, protocol, positions), ctx.vertx().getOrCreateContext());
    } catch (IngestException e) {
      accepted = Future.failedFuture(e);
    }
    accepted
        .onSuccess(ids -> ctx.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("accepted", new JsonArray(ids)).encode()))
        .onFailure(failure -> DeviceAnswers.fail(ctx.response(), failure, retryAfter));
  }
}
