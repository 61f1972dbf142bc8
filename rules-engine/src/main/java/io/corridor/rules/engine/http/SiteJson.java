package io.corridor.rules.engine.http;

import io.corridor.rules.engine.site.CameraSite;
import io.vertx.core.json.JsonObject;

/** A site as the management API shows it. */
final class SiteJson {

  private SiteJson() {}

  static JsonObject of(CameraSite s) {
    JsonObject limits = new JsonObject();
    s.limits().forEach((k, v) -> limits.put(k.code(), v));
    JsonObject laneLimits = new JsonObject();
    s.laneLimits().forEach((lane, m) -> {
      JsonObject l = new JsonObject();
      m.forEach((k, v) -> l.put(k.code(), v));
      laneLimits.put(Integer.toString(lane), l);
    });
    JsonObject o = new JsonObject().put("id", s.siteId()).put("device", s.deviceId()).put("name", s.name())
        .put("road", s.road()).put("direction", s.direction()).put("lanes", s.lanes())
        .put("country", s.country()).put("timezone", s.zone().getId()).put("limits", limits)
        .put("laneLimits", laneLimits).put("measurement", s.measurement().code()).put("mobile", s.mobile())
        .put("purpose", s.purpose().code())
        .put("version", s.version());
    if (!Double.isNaN(s.lat())) {
      o.put("lat", s.lat()).put("lon", s.lon());
    }
    if (s.calibration() != null) {
      o.put("calibration", new JsonObject().put("certificate", s.calibration().certificate())
          .put("validUntil", s.calibration().validUntil().toString()));
    }
    return o;
  }
}
