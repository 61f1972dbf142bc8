package io.corridor.tracking.http;

import static io.corridor.tracking.http.ShipmentRequests.answer;
import static io.corridor.tracking.http.ShipmentRequests.blocking;
import static io.corridor.tracking.http.ShipmentRequests.body;
import static io.corridor.tracking.http.ShipmentRequests.text;

import io.corridor.events.http.ErrorResponse;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.corridor.storage.AuditLog;
import io.corridor.tracking.ShipmentService;
import io.corridor.tracking.shipments.AlertAcknowledgements;
import io.corridor.tracking.shipments.CargoAlertRepository;
import io.corridor.tracking.shipments.Declaration;
import io.corridor.tracking.shipments.IllegalTransition;
import io.corridor.tracking.shipments.ShipmentFilter;
import io.corridor.tracking.shipments.ShipmentHolds;
import io.corridor.tracking.shipments.ShipmentRepository;
import io.corridor.tracking.shipments.ShipmentTransitions;
import io.corridor.tracking.shipments.StoredShipment;
import io.corridor.tracking.shipments.TrackQueries;
import io.corridor.tracking.shipments.TransitionRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The customs shipment API under {@code /v1/shipments} (role customs): declarations, listing, a
 * shipment with its track and alerts, and its life-cycle steps; holds and alert acknowledgements
 * come from {@link ShipmentCaseRoutes}, mounted here. Thin: decode, call the service on a worker,
 * audit, answer. Every answer that shows a shipment, its track, its alerts or its holds is audited
 * before it is sent; without an audit row the answer is 503. A declaration or a step is audited in
 * its transaction.
 */
public final class ShipmentRoutes {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ShipmentRoutes.class);
  private static final int MAX_BODY = 4 * 1024 * 1024;
  private static final int MAX_PAGE = 500;
  private static final int MAX_TRACK = 5000;
  private static final String ROLE = Role.CUSTOMS.claim();

  /** A declaration request: its document as sent, and decoded. */
  private record Declaring(JsonObject body, Declaration declaration) {}

  /** What a declaration did: stored now, or found already stored with the same or other content. */
  private record Declared(boolean created, boolean same, StoredShipment shipment) {}

  private final UserAuth users;
  private final ShipmentService service;
  private final ShipmentRepository shipments;
  private final CargoAlertRepository alerts;
  private final TrackQueries tracks;
  private final ShipmentHolds holds;
  private final ShipmentCaseRoutes cases;
  private final AuditLog audit;
  private final Clock clock;

  /** Wires the routes. */
  public ShipmentRoutes(UserAuth users, ShipmentService service, CargoAlertRepository alerts, TrackQueries tracks,
      ShipmentHolds holds, AlertAcknowledgements acknowledgements, AuditLog audit, Clock clock) {
    this.users = users;
    this.cases = new ShipmentCaseRoutes(users, holds, acknowledgements, audit);
    this.service = service;
    this.shipments = service.repository();
    this.alerts = alerts;
    this.tracks = tracks;
    this.holds = holds;
    this.audit = audit;
    this.clock = clock;
  }

  /** Adds the routes to {@code router}. */
  public void mount(Router router) {
    router.route("/v1/shipments*").handler(users.authenticate()).handler(users.require(Role.CUSTOMS))
        .failureHandler(ctx -> {
          if (ctx.failure() != null) {
            LOG.warn("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
          }
          ctx.next();
        });
    router.post("/v1/shipments").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(users.validate())
        .handler(this::declare);
    router.get("/v1/shipments").handler(this::list);
    router.get("/v1/shipments/:id").handler(this::get);
    router.get("/v1/shipments/:id/track").handler(this::track);
    router.get("/v1/shipments/:id/alerts").handler(this::alerts);
    cases.mount(router); // before :action, which would take "holds" for a life-cycle step
    router.post("/v1/shipments/:id/:action").handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
        .handler(users.validate()).handler(this::transition);
  }

  private void declare(RoutingContext ctx) {
    Declaring request = body(ctx, false, json -> new Declaring(json, DeclarationDecoder.decode(json)));
    if (request == null) {
      return;
    }
    JsonObject body = request.body();
    Declaration d = request.declaration();
    String actor = users.subject(ctx);
    JsonObject document = body.copy();
    document.remove("truckPlate");
    document.remove("trailerPlate");
    document.put("mrn", d.mrn());
    blocking(ctx, () -> {
      String id = ShipmentRepository.idOf(d.mrn());
      boolean created = shipments.declare(d, document.encode(), actor, clock.instant(), (c, detail) -> audit.append(c,
          new AuditLog.Entry(actor, ROLE, detail.equals("declared") ? "shipments.declare" : "shipments.declare-repeated",
              "shipment " + id, 1, "mrn=" + d.mrn())));
      StoredShipment s = shipments.find(id).orElseThrow();
      boolean same = new JsonObject(s.declarationJson()).equals(document) && s.truckPlate().equals(d.truckPlate())
          && java.util.Objects.equals(s.trailerPlate(), d.trailerPlate());
      return new Declared(created, same, s);
    }, r -> {
      Declared result = (Declared) r;
      StoredShipment s = result.shipment();
      if (!result.created() && !result.same()) {
        ErrorResponse.send(ctx.response(), 409, "conflict", "mrn", "shipment " + s.id() + " was declared with this MRN and a different declaration");
        return;
      }
      ctx.response().setStatusCode(result.created() ? 201 : 200).putHeader("Location", "/v1/shipments/" + s.id())
          .putHeader("Content-Type", "application/json").end(ShipmentViews.shipment(s, List.of()).encode());
    });
  }

  private void list(RoutingContext ctx) {
    ShipmentFilter filter;
    try {
      filter = QueryParams.filter(ctx, MAX_PAGE);
    } catch (BadInput e) {
      ErrorResponse.send(ctx.response(), 400, "bad_parameter", e.field(), e.getMessage());
      return;
    }
    String actor = users.subject(ctx);
    blocking(ctx, () -> {
      List<StoredShipment> found = shipments.list(filter);
      audit(actor, "shipments.list", "shipments", found.size(), ctx.request().query() == null ? "" : ctx.request().query());
      return found;
    }, r -> {
      @SuppressWarnings("unchecked")
      List<StoredShipment> found = (List<StoredShipment>) r;
      JsonArray items = new JsonArray();
      found.forEach(s -> items.add(ShipmentViews.shipment(s, null)));
      JsonObject body = new JsonObject().put("shipments", items);
      StoredShipment last = found.isEmpty() ? null : found.get(found.size() - 1);
      body.put("next", found.size() < filter.limit() ? null : last.declaredAt() + "," + last.id());
      ctx.json(body);
    });
  }

  private void get(RoutingContext ctx) {
    String id = QueryParams.id(ctx);
    if (id == null) {
      return;
    }
    String actor = users.subject(ctx);
    blocking(ctx, () -> {
      Optional<StoredShipment> s = shipments.find(id);
      if (s.isEmpty()) {
        audit(actor, "shipments.get", "shipment " + id, 0, "");
        return null;
      }
      JsonObject body = shown(s.get());
      audit(actor, "shipments.get", "shipment " + id, 1, "");
      return body;
    }, r -> answer(ctx, (JsonObject) r, id));
  }

  private void track(RoutingContext ctx) {
    String id = QueryParams.id(ctx);
    if (id == null) {
      return;
    }
    Instant askedFrom;
    Instant askedTo;
    int limit;
    try {
      askedFrom = QueryParams.instant(ctx, "from", null);
      askedTo = QueryParams.instant(ctx, "to", null);
      limit = QueryParams.integer(ctx, "limit", 1000, MAX_TRACK);
      if (askedFrom != null && askedTo != null && !askedTo.isAfter(askedFrom)) {
        throw new BadInput("to", "must be after from");
      }
    } catch (BadInput e) {
      ErrorResponse.send(ctx.response(), 400, "bad_parameter", e.field(), e.getMessage());
      return;
    }
    String actor = users.subject(ctx);
    blocking(ctx, () -> {
      Optional<StoredShipment> s = shipments.find(id);
      if (s.isEmpty()) {
        audit(actor, "shipments.track", "shipment " + id, 0, "not found");
        return null;
      }
      // only the shipment's own journey: a tracker fitted to other trucks before or after shows nothing of them
      Optional<TrackQueries.Journey> journey = tracks.journey(id);
      Instant now = clock.instant();
      Instant start = journey.map(TrackQueries.Journey::from).orElse(now);
      // the journey's end is inclusive, the query's bound exclusive: a microsecond on, the database's precision
      Instant end = journey.map(j -> j.to() == null ? now.plusSeconds(1) : j.to().plus(1, ChronoUnit.MICROS)).orElse(now);
      Instant from = askedFrom == null || askedFrom.isBefore(start) ? start : askedFrom;
      Instant to = askedTo == null || askedTo.isAfter(end) ? end : askedTo;
      List<TrackQueries.TrackRow> rows = to.isAfter(from) ? tracks.track(id, s.get().trackers(), from, to, limit) : List.of();
      audit(actor, "shipments.track", "shipment " + id, rows.size(), "from=" + from + " to=" + to);
      JsonArray positions = new JsonArray();
      rows.forEach(row -> positions.add(ShipmentViews.position(row)));
      return new JsonObject().put("shipmentId", id).put("positions", positions)
          .put("next", rows.size() < limit ? null : rows.get(rows.size() - 1).eventTime().plusMillis(1).toString());
    }, r -> answer(ctx, (JsonObject) r, id));
  }

  private void alerts(RoutingContext ctx) {
    String id = QueryParams.id(ctx);
    if (id == null) {
      return;
    }
    String actor = users.subject(ctx);
    blocking(ctx, () -> {
      if (shipments.find(id).isEmpty()) {
        audit(actor, "shipments.alerts", "shipment " + id, 0, "not found");
        return null;
      }
      List<CargoAlertRepository.StoredAlert> found = alerts.forShipment(id);
      audit(actor, "shipments.alerts", "shipment " + id, found.size(), "");
      JsonArray items = new JsonArray();
      found.forEach(a -> items.add(ShipmentViews.alert(a.alert(), a.acknowledgement())));
      return new JsonObject().put("shipmentId", id).put("alerts", items);
    }, r -> answer(ctx, (JsonObject) r, id));
  }

  private void transition(RoutingContext ctx) {
    String id = QueryParams.id(ctx);
    if (id == null) {
      return;
    }
    Optional<ShipmentTransitions.Action> action = ShipmentTransitions.Action.parse(ctx.pathParam("action"));
    if (action.isEmpty()) {
      ErrorResponse.send(ctx.response(), 404, "not_found", "action", "no action '" + ctx.pathParam("action")
          + "'; one of release, arrive, close, cancel");
      return;
    }
    String[] note = body(ctx, true, body -> new String[] {text(body, "note")}); // the note is optional, and so is the body
    if (note == null) {
      return;
    }
    String actor = users.subject(ctx);
    blocking(ctx, () -> {
      try {
        Optional<TransitionRecord> step = service.transition(id, action.get(), actor, note[0], (c, detail) -> audit.append(c,
            new AuditLog.Entry(actor, ROLE, "shipments." + action.get().code(), "shipment " + id, 1, detail)));
        if (step.isEmpty()) {
          return null;
        }
        return shown(shipments.find(id).orElseThrow());
      } catch (IllegalTransition e) {
        return e;
      }
    }, r -> {
      if (r instanceof IllegalTransition e) {
        ctx.response().setStatusCode(409).putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("error", "conflict").put("field", "state").put("reason", e.getMessage()).put("state", e.current().code())
            .encode());
      } else {
        answer(ctx, (JsonObject) r, id);
      }
    });
  }

  /** A shipment as {@code GET /v1/shipments/{id}} shows it: with its transitions and its holds. */
  private JsonObject shown(StoredShipment s) throws java.sql.SQLException {
    return ShipmentViews.shipment(s, shipments.transitions(s.id())).put("holds", ShipmentViews.holds(holds.of(s.id())));
  }

  private void audit(String actor, String action, String target, int records, String detail) throws java.sql.SQLException {
    audit.append(new AuditLog.Entry(actor, ROLE, action, target, records, detail));
  }
}
