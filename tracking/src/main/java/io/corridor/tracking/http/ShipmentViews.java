package io.corridor.tracking.http;

import io.corridor.tracking.detect.CargoAlert;
import io.corridor.tracking.shipments.CargoAlertRepository;
import io.corridor.tracking.shipments.ShipmentHolds;
import io.corridor.tracking.shipments.StoredShipment;
import io.corridor.tracking.shipments.TrackQueries.TrackRow;
import io.corridor.tracking.shipments.TransitionRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** JSON shapes of the shipment API. */
public final class ShipmentViews {

  private ShipmentViews() {}

  /** A shipment with its declaration and, when given, its recorded steps. */
  public static JsonObject shipment(StoredShipment s, List<TransitionRecord> steps) {
    JsonObject declaration = new JsonObject(s.declarationJson()).put("truckPlate", s.truckPlate());
    if (s.trailerPlate() != null) {
      declaration.put("trailerPlate", s.trailerPlate());
    }
    JsonObject json = new JsonObject().put("id", s.id()).put("mrn", s.mrn()).put("goods", s.goods().code())
        .put("state", s.state().code()).put("openAlerts", s.openAlerts()).put("declaredBy", s.declaredBy())
        .put("declaredAt", s.declaredAt().toString()).put("updatedAt", s.updatedAt().toString())
        .put("declaration", declaration);
    if (steps != null) {
      JsonArray history = new JsonArray();
      steps.forEach(t -> history.add(new JsonObject().put("seq", t.seq()).put("action", t.action())
          .put("from", t.from().code()).put("to", t.to().code()).put("by", t.actor()).put("at", t.at().toString())
          .put("note", t.note())));
      json.put("transitions", history);
    }
    return json;
  }

  /** One cargo alert. */
  public static JsonObject alert(CargoAlert a) {
    JsonObject details = new JsonObject();
    a.details().forEach(details::put);
    return new JsonObject().put("id", a.id()).put("shipmentId", a.shipmentId()).put("kind", a.kind().name())
        .put("key", a.key()).put("severity", a.severity()).put("deviceId", a.deviceId())
        .put("openedAt", a.openedAt().toString()).put("closedAt", a.closedAt() == null ? null : a.closedAt().toString())
        .put("open", a.closedAt() == null).put("reason", a.reason()).put("details", details);
  }

  /** One cargo alert with its acknowledgement ({@code acknowledged}: by, at, note; null while nobody took it on). */
  public static JsonObject alert(CargoAlert a, CargoAlertRepository.Acknowledgement ack) {
    return alert(a).put("acknowledged", ack == null ? null
        : new JsonObject().put("by", ack.by()).put("at", ack.at().toString()).put("note", ack.note()));
  }

  /** One position of a track. */
  public static JsonObject position(TrackRow r) {
    return new JsonObject().put("deviceId", r.deviceId()).put("eventTime", r.eventTime().toString()).put("lat", r.lat())
        .put("lon", r.lon()).put("speedKmh", r.speedKmh()).put("temperatureC", r.temperatureC())
        .put("sealClosed", r.sealClosed());
  }

  /** One legal hold of a shipment. */
  public static JsonObject hold(ShipmentHolds.Hold h) {
    return new JsonObject().put("shipmentId", h.shipmentId()).put("caseRef", h.caseRef()).put("open", h.open())
        .put("heldAt", h.heldAt().toString()).put("heldBy", h.heldBy()).put("justification", h.justification())
        .put("releasedAt", h.releasedAt() == null ? null : h.releasedAt().toString()).put("releasedBy", h.releasedBy())
        .put("positions", h.positions());
  }

  /** Legal holds of shipments, as listed. */
  public static JsonArray holds(List<ShipmentHolds.Hold> holds) {
    JsonArray items = new JsonArray();
    holds.forEach(h -> items.add(hold(h)));
    return items;
  }
}
