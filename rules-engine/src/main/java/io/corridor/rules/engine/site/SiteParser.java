package io.corridor.rules.engine.site;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.rules.engine.doc.Fields;
import io.corridor.rules.engine.doc.RuleValidationException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a site document (JSON from {@code PUT /v1/sites/{id}}, or YAML), e.g.
 * <pre>
 * device: cam-a2-km10
 * name: A2 km 10 northbound
 * road: A2
 * direction: N
 * lanes: 3
 * lat: 52.31
 * lon: 9.80
 * country: DE
 * timezone: Europe/Berlin
 * limits: {car: 130, bus: 100, hgv&gt;3.5t: 80, hgv&gt;7.5t: 80}
 * laneLimits: {"3": {car: 100}}
 * measurement: radar
 * mobile: false
 * calibration: {certificate: PTB-2026-0411, validUntil: 2027-03-31}
 * purpose: enforcement
 * version: 4
 * </pre>
 */
public final class SiteParser {

  private SiteParser() {}

  /**
   * Validates and builds the site {@code siteId}.
   *
   * @throws RuleValidationException naming site, field and reason of every problem
   */
  public static CameraSite parse(String siteId, JsonNode doc) throws RuleValidationException {
    Fields f = new Fields(siteId, doc);
    f.allowOnly("id", "device", "name", "road", "direction", "lanes", "lat", "lon", "country", "timezone", "limits",
        "laneLimits", "measurement", "mobile", "calibration", "purpose", "version");
    if (f.has("id") && !siteId.equals(doc.get("id").asText())) {
      f.error("id", "must match the site id in the path (" + siteId + ")");
    }
    String device = f.string("device");
    String name = f.string("name", siteId);
    String road = f.string("road", "");
    String direction = f.string("direction", "");
    int lanes = f.integer("lanes", 1, 16, 1);
    double lat = f.number("lat", -90, 90, Double.NaN);
    double lon = f.number("lon", -180, 180, Double.NaN);
    String country = f.parsed("country", SiteParser::country, "an ISO 3166-1 alpha-2 code like DE");
    ZoneId zone = f.zone("timezone", ZoneId.of("UTC"));
    Map<VehicleClass, Integer> limits = limits(f.object("limits", false));
    Map<Integer, Map<VehicleClass, Integer>> laneLimits = new TreeMap<>();
    Fields lanesDoc = f.object("laneLimits", false);
    for (String lane : lanesDoc.names()) {
      try {
        int n = Integer.parseInt(lane);
        if (n < 1 || n > lanes) {
          throw new NumberFormatException();
        }
        laneLimits.put(n, limits(lanesDoc.object(lane, true)));
      } catch (NumberFormatException e) {
        lanesDoc.error(lane, "must be a lane number from 1 to " + lanes);
      }
    }
    MeasurementType measurement = f.has("measurement")
        ? f.parsed("measurement", MeasurementType::parse, "radar, laser, section or video") : MeasurementType.VIDEO;
    boolean mobile = f.bool("mobile", false);
    Calibration calibration = null;
    if (f.has("calibration")) {
      Fields c = f.object("calibration", true);
      c.allowOnly("certificate", "validUntil");
      calibration = new Calibration(c.string("certificate"), c.date("validUntil"));
    }
    SitePurpose purpose = f.parsed("purpose", SitePurpose::parse, "network or enforcement");
    int version = f.integer("version", 1, Integer.MAX_VALUE, 1);
    f.check();
    return new CameraSite(siteId, device, name, road, direction, lanes, lat, lon, country, zone, limits,
        laneLimits, measurement, mobile, calibration, purpose, version);
  }

  /** A limits mapping: vehicle class code to km/h. */
  public static Map<VehicleClass, Integer> limits(Fields f) {
    Map<VehicleClass, Integer> limits = new EnumMap<>(VehicleClass.class);
    for (String cls : f.names()) {
      try {
        VehicleClass vc = VehicleClass.parse(cls);
        Integer kmh = f.integer(cls, 5, 300);
        if (kmh != null) {
          limits.put(vc, kmh);
        }
      } catch (IllegalArgumentException e) {
        f.error(cls, e.getMessage());
      }
    }
    return Map.copyOf(limits);
  }

  private static String country(String s) {
    if (!s.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("must be an ISO 3166-1 alpha-2 code like DE, got '" + s + "'");
    }
    return s;
  }
}
