package io.corridor.tracking.http;

import io.corridor.events.bus.BusAddresses;
import io.corridor.events.http.ErrorResponse;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.corridor.storage.AuditLog;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/cargo/alerts/stream}: Server-Sent Events, one event per cargo alert raised or
 * closed anywhere in the cluster (the clustered bus address {@link BusAddresses#CARGO_ALERTS}).
 * Each event's {@code id} is the alert id, {@code event} is {@code raised} or {@code closed}. A
 * comment every 15 s keeps proxies and the node's idle timeout from closing a quiet stream. The
 * subscription is audited before the first byte is sent.
 */
public final class CargoAlertStream {

  static final long KEEP_ALIVE_MS = 15_000;

  private final UserAuth users;
  private final AuditLog audit;

  /** Wires the route. */
  public CargoAlertStream(UserAuth users, AuditLog audit) {
    this.users = users;
    this.audit = audit;
  }

  /** Adds the route to {@code router}. */
  public void mount(Router router) {
    router.get("/v1/cargo/alerts/stream").handler(users.authenticate()).handler(users.require(Role.CUSTOMS))
        .handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    String actor = users.subject(ctx);
    ctx.vertx().executeBlocking(() -> audit.append(new AuditLog.Entry(actor, Role.CUSTOMS.claim(), "cargo.alerts.stream",
        "cargo alerts", 0, "subscribed")), false)
        .onFailure(e -> ErrorResponse.unavailable(ctx.response(), 5, "alert stream unavailable: audit not written"))
        .onSuccess(seq -> open(ctx));
  }

  private void open(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      return;
    }
    response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": cargo alerts\n\n");
    MessageConsumer<JsonObject> consumer = ctx.vertx().eventBus().consumer(BusAddresses.CARGO_ALERTS, message -> {
      JsonObject alert = message.body();
      if (!response.closed() && !response.writeQueueFull()) {
        response.write("id: " + alert.getString("id") + "\nevent: " + alert.getString("change") + "\ndata: " + alert.encode()
            + "\n\n");
      }
    });
    long keepAlive = ctx.vertx().setPeriodic(KEEP_ALIVE_MS, t -> {
      if (!response.closed()) {
        response.write(": keep-alive\n\n");
      }
    });
    response.closeHandler(v -> {
      ctx.vertx().cancelTimer(keepAlive);
      consumer.unregister();
    });
  }
}
