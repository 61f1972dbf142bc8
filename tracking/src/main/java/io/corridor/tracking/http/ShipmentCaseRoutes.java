package io.corridor.tracking.http;

import static io.corridor.tracking.http.ShipmentRequests.answer;
import static io.corridor.tracking.http.ShipmentRequests.blocking;
import static io.corridor.tracking.http.ShipmentRequests.body;
import static io.corridor.tracking.http.ShipmentRequests.refusable;
import static io.corridor.tracking.http.ShipmentRequests.refused;
import static io.corridor.tracking.http.ShipmentRequests.text;

import io.corridor.events.bus.BusAddresses;
import io.corridor.events.http.ErrorResponse;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.corridor.storage.AuditLog;
import io.corridor.tracking.shipments.AlertAcknowledgements;
import io.corridor.tracking.shipments.HoldRefusal;
import io.corridor.tracking.shipments.ShipmentHolds;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * What customs do about a shipment beyond its life cycle: hold its evidence for a case
 * ({@code /v1/shipments/{id}/holds}, released with {@code …/holds/{caseRef}/release}, listed for
 * auditors too at {@code GET /v1/cargo/holds}) and take one of its alerts on
 * ({@code /v1/shipments/{id}/alerts/{alertId}/acknowledge}). Each change commits with its audit
 * row ({@link ShipmentHolds}, {@link AlertAcknowledgements}). Mounted by {@link ShipmentRoutes},
 * under its authentication.
 */
final class ShipmentCaseRoutes {

  private static final int MAX_BODY = 64 * 1024;
  private static final String ROLE = Role.CUSTOMS.claim();

  private final UserAuth users;
  private final ShipmentHolds holds;
  private final AlertAcknowledgements acknowledgements;
  private final AuditLog audit;

  ShipmentCaseRoutes(UserAuth users, ShipmentHolds holds, AlertAcknowledgements acknowledgements, AuditLog audit) {
    this.users = users;
    this.holds = holds;
    this.acknowledgements = acknowledgements;
    this.audit = audit;
  }

  /** Adds the routes to {@code router}; before the life-cycle steps' {@code /v1/shipments/:id/:action}, which would take "holds". */
  void mount(Router router) {
    router.post("/v1/shipments/:id/alerts/:alertId/acknowledge").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(users.validate()).handler(this::acknowledge);
    router.post("/v1/shipments/:id/holds").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(users.validate()).handler(this::hold);
    // no body: the contract is checked with the role (a BodyHandler would come after the request was read)
    router.post("/v1/shipments/:id/holds/:caseRef/release").handler(this::release);
    router.get("/v1/cargo/holds").handler(users.authenticate()).handler(users.require(Role.AUDITOR, Role.CUSTOMS))
        .handler(this::listHolds);
  }

  private void hold(RoutingContext ctx) {
    String id = QueryParams.id(ctx);
    if (id == null) {
      return;
    }
    String[] fields = body(ctx, false, body -> {
      String caseRef = text(body, "caseRef");
      String justification = text(body, "justification");
      ShipmentHolds.validate(caseRef, justification);
      return new String[] {caseRef, justification};
    });
    if (fields == null) {
      return;
    }
    String actor = users.subject(ctx);
    blocking(ctx, refusable(() -> holds.hold(id, fields[0], fields[1], actor).map(ShipmentViews::hold).orElse(null)),
        r -> held(ctx, r, id, 201));
  }

  private void release(RoutingContext ctx) {
    String id = QueryParams.id(ctx);
    if (id == null) {
      return;
    }
    String caseRef = ctx.pathParam("caseRef");
    String actor = users.subject(ctx);
    blocking(ctx, refusable(() -> holds.release(id, caseRef, actor).map(ShipmentViews::hold).orElse(null)),
        r -> held(ctx, r, id, 200));
  }

  private void acknowledge(RoutingContext ctx) {
    String id = QueryParams.id(ctx);
    if (id == null) {
      return;
    }
    String alertId = ctx.pathParam("alertId");
    if (!QueryParams.isUuid(alertId)) {
      ErrorResponse.send(ctx.response(), 400, "bad_parameter", "alertId", "must be an alert's id (a UUID)");
      return;
    }
    String[] note = body(ctx, true, body -> {
      String text = text(body, "note");
      AlertAcknowledgements.validate(text);
      return new String[] {text};
    });
    if (note == null) {
      return;
    }
    String actor = users.subject(ctx);
    blocking(ctx, refusable(() -> acknowledgements.acknowledge(id, alertId, actor, note[0])), r -> {
      if (r instanceof HoldRefusal e) {
        refused(ctx, e);
        return;
      }
      AlertAcknowledgements.Result result = (AlertAcknowledgements.Result) r;
      switch (result.outcome()) {
        case NOT_FOUND -> ErrorResponse.send(ctx.response(), 404, "not_found", "alertId",
            "shipment " + id + " has no alert " + alertId);
        case ALREADY_ACKNOWLEDGED -> ErrorResponse.send(ctx.response(), 409, "conflict", "alertId",
            "acknowledged already by " + result.alert().acknowledgement().by() + " at "
                + result.alert().acknowledgement().at());
        case ACKNOWLEDGED -> {
          ctx.vertx().eventBus().publish(BusAddresses.CARGO_ALERTS, new JsonObject().put("change", "acknowledged"));
          ctx.json(ShipmentViews.alert(result.alert().alert(), result.alert().acknowledgement()));
        }
      }
    });
  }

  private void held(RoutingContext ctx, Object result, String id, int status) {
    if (result instanceof HoldRefusal e) {
      refused(ctx, e);
    } else if (result == null) {
      answer(ctx, null, id);
    } else {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(((JsonObject) result).encode());
    }
  }

  private void listHolds(RoutingContext ctx) {
    String actor = users.subject(ctx);
    String role = users.roles(ctx).contains(Role.AUDITOR) ? Role.AUDITOR.claim() : ROLE;
    blocking(ctx, () -> {
      List<ShipmentHolds.Hold> found = holds.list();
      audit.append(new AuditLog.Entry(actor, role, "shipments.holds", "shipment holds", found.size(), ""));
      return new JsonObject().put("holds", ShipmentViews.holds(found));
    }, r -> ctx.json(r));
  }
}
