package io.corridor.api.devices;

import io.corridor.api.openapi.ApiContract;
import io.corridor.events.http.ErrorResponse;
import io.corridor.platform.auth.Role;
import io.corridor.platform.auth.UserAuth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.Callable;

/**
 * HTTP adapter of {@link DeviceAdmin} for operators: {@code POST /v1/devices},
 * {@code GET /v1/devices}, {@code POST /v1/devices/{id}/rotate|revoke}. A change is answered after
 * this node's registry holds it; the cluster-wide notice then makes every other node reload.
 */
public final class DeviceRoutes {

  private static final int MAX_BODY = 16 * 1024;

  private final UserAuth users;
  private final DeviceAdmin admin;
  private final DeviceSync sync;
  private final ApiContract contract;

  /** Wires the routes to their services. */
  public DeviceRoutes(UserAuth users, DeviceAdmin admin, DeviceSync sync, ApiContract contract) {
    this.users = users;
    this.admin = admin;
    this.sync = sync;
    this.contract = contract;
  }

  /** Adds the routes to {@code router}. */
  public void mount(Router router) {
    router.route("/v1/devices").handler(users.authenticate()).handler(users.require(Role.OPERATOR));
    router.route("/v1/devices/*").handler(users.authenticate()).handler(users.require(Role.OPERATOR));
    BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY);
    router.post("/v1/devices").handler(body).handler(contract.validate("createDevice")).handler(this::create);
    router.get("/v1/devices").handler(contract.validate("listDevices")).handler(this::list);
    router.post("/v1/devices/:id/rotate").handler(contract.validate("rotateDeviceKey")).handler(this::rotate);
    router.post("/v1/devices/:id/revoke").handler(contract.validate("revokeDevice")).handler(this::revoke);
  }

  private void create(RoutingContext ctx) {
    JsonObject json = ctx.body().asJsonObject();
    Number agentCamera = json.getNumber("agentCameraId");
    DeviceAdmin.NewDevice device = new DeviceAdmin.NewDevice(json.getString("id"), json.getString("kind"),
        json.getString("name"), number(json, "lat"), number(json, "lon"), json.getString("agent"),
        agentCamera == null ? null : agentCamera.longValue(), json.getString("agentUid"));
    if ((device.lat() == null) != (device.lon() == null)) {
      ErrorResponse.send(ctx.response(), 400, "bad_request", device.lat() == null ? "lat" : "lon",
          "give both lat and lon, or neither");
      return;
    }
    if ((device.agent() == null) != (device.agentCameraId() == null)) {
      ErrorResponse.send(ctx.response(), 400, "bad_request", device.agent() == null ? "agent" : "agentCameraId",
          "give both agent and agentCameraId (the agent's camera_id for this camera), or neither");
      return;
    }
    // The agent_uid is what tells this agent's messages from another installation's (camera_id
    // numbers are per agent): an agent is registered with it, and only an agent has one.
    if ("agent".equals(device.kind()) != (device.agentUid() != null)) {
      ErrorResponse.send(ctx.response(), 400, "bad_request", "agentUid", device.agentUid() == null
          ? "an agent is registered with its agent_uid (the agent's web interface shows it, and every message it posts"
              + " carries it)"
          : "only a device of kind agent has an agentUid");
      return;
    }
    String actor = users.subject(ctx);
    change(ctx, () -> admin.create(actor, device), device.id(),
        issued -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("id", issued.id()).put("key", issued.key()).encode()));
  }

  private void list(RoutingContext ctx) {
    String actor = users.subject(ctx);
    ctx.vertx().executeBlocking(() -> admin.list(actor), false)
        .onSuccess(devices -> {
          JsonArray items = new JsonArray();
          devices.forEach(d -> items.add(d.toJson()));
          ctx.json(new JsonObject().put("devices", items));
        })
        .onFailure(e -> ErrorResponse.unavailable(ctx.response(), 5, "devices unavailable: database unreachable"));
  }

  private void rotate(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String actor = users.subject(ctx);
    change(ctx, () -> admin.rotate(actor, id), id, issued -> ctx.json(new JsonObject().put("id", issued.id())
        .put("key", issued.key()).put("previousKeyValidUntil", issued.previousKeyValidUntil().toString())));
  }

  private void revoke(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String actor = users.subject(ctx);
    change(ctx, () -> {
      admin.revoke(actor, id);
      return id;
    }, id, revoked -> ctx.json(new JsonObject().put("id", revoked).put("status", "revoked")));
  }

  private <T> void change(RoutingContext ctx, Callable<T> work, String id, java.util.function.Consumer<T> answer) {
    ctx.vertx().executeBlocking(work, false)
        .compose(result -> sync.changed(id).map(result))
        .onSuccess(answer::accept)
        .onFailure(e -> {
          if (e instanceof DeviceException refused) {
            String error = refused.status() == 404 ? "not_found" : refused.status() == 400 ? "bad_request" : "conflict";
            String field = refused.getMessage().startsWith("agent_uid ") ? "agentUid"
                : refused.status() == 400 || refused.getMessage().startsWith("agent ") ? "agent" : "id";
            ErrorResponse.send(ctx.response(), refused.status(), error, field, refused.getMessage());
          } else {
            ErrorResponse.unavailable(ctx.response(), 5, "device change not made or not yet applied: " + e.getMessage());
          }
        });
  }

  private static Double number(JsonObject json, String field) {
    Number value = json.getNumber(field);
    return value == null ? null : value.doubleValue();
  }

}
