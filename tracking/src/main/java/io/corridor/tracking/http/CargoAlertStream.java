package io.corridor.tracking.http;

import io.corridor.events.bus.BusAddresses;
import io.corridor.events.http.ErrorResponse;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.corridor.storage.AuditLog;
import io.corridor.tracking.shipments.CargoAlertRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/cargo/alerts/stream}: Server-Sent Events, one event per cargo alert raised or
 * closed anywhere in the cluster, read from the stored alert changes ({@code cargo_alert_events})
 * in the order they were committed; the clustered bus address {@link BusAddresses#CARGO_ALERTS}
 * only wakes the stream. Each event's {@code id} is the change's number, {@code event} is
 * {@code raised} or {@code closed}. A client that reconnects with {@code Last-Event-ID} gets
 * every change after that number first; without it, it starts with the next change. A client too
 * slow to take its events (the write queue is full) is disconnected, counted in
 * {@code corridor_cargo_stream_disconnected_total}, and resumes by {@code Last-Event-ID} rather
 * than silently missing events. A comment every 15 s keeps proxies and the node's idle timeout
 * from closing a quiet stream (and looks for changes a lost wake-up missed). The subscription is
 * audited before the first byte is sent.
 */
public final class CargoAlertStream {

  static final long KEEP_ALIVE_MS = 15_000;

  private final UserAuth users;
  private final AuditLog audit;
  private final CargoAlertRepository alerts;
  private final Counter slow;

  /** Wires the route. */
  public CargoAlertStream(UserAuth users, AuditLog audit, CargoAlertRepository alerts, MeterRegistry metrics) {
    this.users = users;
    this.audit = audit;
    this.alerts = alerts;
    this.slow = Counter.builder("corridor_cargo_stream_disconnected_total")
        .description("Cargo alert stream clients disconnected because they did not take their events; they resume by Last-Event-ID")
        .tag("reason", "slow").register(metrics);
  }

  /** Adds the route to {@code router}. */
  public void mount(Router router) {
    router.get("/v1/cargo/alerts/stream").handler(users.authenticate()).handler(users.require(Role.CUSTOMS))
        .handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    String lastEventId = ctx.request().getHeader("Last-Event-ID");
    Long resumeAfter;
    try {
      resumeAfter = lastEventId == null || lastEventId.isBlank() ? null : Long.parseLong(lastEventId.trim());
      if (resumeAfter != null && resumeAfter < 0) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      ErrorResponse.send(ctx.response(), 400, "invalid", "Last-Event-ID", "must be the id of an event of this stream");
      return;
    }
    String actor = users.subject(ctx);
    ctx.vertx().executeBlocking(() -> {
      audit.append(new AuditLog.Entry(actor, Role.CUSTOMS.claim(), "cargo.alerts.stream", "cargo alerts", 0,
          resumeAfter == null ? "subscribed" : "resumed after " + resumeAfter));
      return resumeAfter != null ? resumeAfter : alerts.lastEventSeq();
    }, false)
        .onFailure(e -> ErrorResponse.unavailable(ctx.response(), 5, "alert stream unavailable: " + e.getMessage()))
        .onSuccess(after -> open(ctx, after));
  }

  private void open(RoutingContext ctx, long after) {
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      return;
    }
    response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": cargo alerts\n\n");
    StreamClient client = new StreamClient(ctx.vertx(), response, alerts, after, slow::increment);
    var wake = ctx.vertx().eventBus().consumer(BusAddresses.CARGO_ALERTS, message -> client.pull());
    long keepAlive = ctx.vertx().setPeriodic(KEEP_ALIVE_MS, t -> {
      if (!response.closed()) {
        response.write(": keep-alive\n\n");
        client.pull();
      }
    });
    response.closeHandler(v -> {
      ctx.vertx().cancelTimer(keepAlive);
      wake.unregister();
    });
    client.pull(); // a resumed client first gets what it missed
  }
}
