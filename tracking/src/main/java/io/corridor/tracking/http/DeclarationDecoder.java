package io.corridor.tracking.http;

import io.corridor.tracking.detect.LatLon;
import io.corridor.tracking.detect.Place;
import io.corridor.tracking.shipments.Declaration;
import io.corridor.tracking.shipments.GoodsClass;
import io.corridor.tracking.shipments.Mrn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads a shipment declaration from the JSON of {@code POST /v1/shipments}; every error names its field. */
public final class DeclarationDecoder {

  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int MAX_ROUTE_POINTS = 10_000;
  private static final int MAX_PLACES = 100;

  private DeclarationDecoder() {}

  /**
   * Decodes and validates {@code json}.
   *
   * @throws BadInput naming the first bad field
   */
  public static Declaration decode(JsonObject json) {
    String mrn;
    try {
      mrn = Mrn.validate(json.getValue("mrn") instanceof String s ? s : null);
    } catch (IllegalArgumentException e) {
      throw new BadInput("mrn", e.getMessage());
    }
    GoodsClass goods;
    try {
      goods = GoodsClass.parse(text(json, "goods", true));
    } catch (IllegalArgumentException e) {
      throw new BadInput("goods", e.getMessage());
    }
    String description = text(json, "description", true);
    double quantity = number(json, "quantity", true, 0, 1e12);
    String unit = text(json, "unit", true);
    String truck = plate(json, "truckPlate", true);
    String trailer = plate(json, "trailerPlate", false);
    List<String> trackers = trackers(json);
    String seal = text(json, "sealId", false);
    String departure = text(json, "officeOfDeparture", true);
    String destination = text(json, "officeOfDestination", true);
    JsonObject route = object(json, "route", true);
    List<LatLon> points = points(route, "route.points");
    double width = number(route, "corridorWidthM", "route.corridorWidthM", true, 10, 100_000);
    List<Place> crossings = places(json, "crossings", false);
    List<Place> stops = places(json, "stops", true);
    Instant planned = instant(json, "plannedDeparture", "plannedDeparture", true);
    JsonObject eta = object(json, "eta", true);
    Instant earliest = instant(eta, "earliest", "eta.earliest", true);
    Instant latest = instant(eta, "latest", "eta.latest", true);
    if (latest.isBefore(earliest)) {
      throw new BadInput("eta.latest", "must not be before eta.earliest");
    }
    if (!earliest.isAfter(planned)) {
      throw new BadInput("eta.earliest", "must be after plannedDeparture");
    }
    Double minTemp = null;
    Double maxTemp = null;
    Integer excursion = null;
    JsonObject temperature = object(json, "temperature", false);
    if (temperature != null) {
      minTemp = number(temperature, "minC", "temperature.minC", true, -100, 100);
      maxTemp = number(temperature, "maxC", "temperature.maxC", true, -100, 100);
      if (maxTemp < minTemp) {
        throw new BadInput("temperature.maxC", "must not be below temperature.minC");
      }
      excursion = (int) number(temperature, "excursionMinutes", "temperature.excursionMinutes", true, 0, 24 * 60);
    }
    Double fuel = json.containsKey("fuelLitres") ? number(json, "fuelLitres", true, 0, 1e6) : null;
    return new Declaration(mrn, goods, description, quantity, unit, truck, trailer, trackers, seal, departure,
        destination, points, width, crossings, stops, planned, earliest, latest, minTemp, maxTemp, excursion, fuel);
  }

  private static List<String> trackers(JsonObject json) {
    JsonArray array = array(json, "trackers", true);
    if (array.isEmpty() || array.size() > 8) {
      throw new BadInput("trackers", "must list 1 to 8 tracker ids");
    }
    List<String> trackers = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String id) || !DEVICE_ID.matcher(id).matches()) {
        throw new BadInput("trackers[" + i + "]", "must be a device id (letters, digits, . _ -, at most 64)");
      }
      trackers.add(id);
    }
    return trackers;
  }

  private static List<LatLon> points(JsonObject route, String field) {
    JsonArray array = route.getValue("points") instanceof JsonArray a ? a : null;
    if (array == null || array.size() < 2 || array.size() > MAX_ROUTE_POINTS) {
      throw new BadInput(field, "must be an array of 2 to " + MAX_ROUTE_POINTS + " [lat, lon] points");
    }
    List<LatLon> points = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonArray p) || p.size() != 2 || !(p.getValue(0) instanceof Number lat)
          || !(p.getValue(1) instanceof Number lon)) {
        throw new BadInput(field + "[" + i + "]", "must be [lat, lon] in degrees");
      }
      points.add(latLon(lat.doubleValue(), lon.doubleValue(), field + "[" + i + "]"));
    }
    return points;
  }

  private static List<Place> places(JsonObject json, String name, boolean stayAllowed) {
    JsonArray array = array(json, name, false);
    List<Place> places = new ArrayList<>();
    if (array == null) {
      return places;
    }
    if (array.size() > MAX_PLACES) {
      throw new BadInput(name, "at most " + MAX_PLACES + " places");
    }
    for (int i = 0; i < array.size(); i++) {
      String field = name + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject p)) {
        throw new BadInput(field, "must be an object with name, lat, lon, radiusM");
      }
      String placeName = text(p, "name", field + ".name", true);
      LatLon centre = latLon(number(p, "lat", field + ".lat", true, -90, 90), number(p, "lon", field + ".lon", true, -180, 180),
          field);
      double radius = number(p, "radiusM", field + ".radiusM", true, 10, 50_000);
      Duration stay = null;
      if (stayAllowed) {
        stay = Duration.ofMinutes((long) number(p, "maxMinutes", field + ".maxMinutes", true, 1, 7 * 24 * 60));
      }
      String camera = stayAllowed ? null : text(p, "cameraId", field + ".cameraId", false);
      if (camera != null && !DEVICE_ID.matcher(camera).matches()) {
        throw new BadInput(field + ".cameraId", "must be a device id");
      }
      places.add(new Place(placeName, centre, radius, stay, camera));
    }
    return places;
  }

  private static LatLon latLon(double lat, double lon, String field) {
    try {
      return new LatLon(lat, lon);
    } catch (IllegalArgumentException e) {
      throw new BadInput(field, "latitude must be -90..90 and longitude -180..180");
    }
  }

  private static String plate(JsonObject json, String name, boolean required) {
    String text = text(json, name, required);
    if (text == null) {
      return null;
    }
    String plate = Declaration.normalisePlate(text);
    if (plate.length() < 2 || plate.length() > 16) {
      throw new BadInput(name, "must be a plate of 2 to 16 letters and digits");
    }
    return plate;
  }

  private static String text(JsonObject json, String name, boolean required) {
    return text(json, name, name, required);
  }

  private static String text(JsonObject json, String name, String field, boolean required) {
    Object value = json.getValue(name);
    if (value == null) {
      if (required) {
        throw new BadInput(field, "is required");
      }
      return null;
    }
    if (!(value instanceof String s) || s.isBlank() || s.length() > 500) {
      throw new BadInput(field, "must be a non-empty string of at most 500 characters");
    }
    return s.strip();
  }

  private static double number(JsonObject json, String name, boolean required, double min, double max) {
    return number(json, name, name, required, min, max);
  }

  private static double number(JsonObject json, String name, String field, boolean required, double min, double max) {
    Object value = json.getValue(name);
    if (!(value instanceof Number n) || Double.isNaN(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
      throw new BadInput(field, (value == null && required ? "is required; " : "") + "must be a number from " + fmt(min)
          + " to " + fmt(max));
    }
    return n.doubleValue();
  }

  private static Instant instant(JsonObject json, String name, String field, boolean required) {
    Object value = json.getValue(name);
    if (!(value instanceof String s)) {
      throw new BadInput(field, "is required: ISO-8601 with zone, e.g. 2026-11-24T06:00:00Z");
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new BadInput(field, "must be ISO-8601 with zone, e.g. 2026-11-24T06:00:00Z");
    }
  }

  private static JsonObject object(JsonObject json, String name, boolean required) {
    Object value = json.getValue(name);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof JsonObject o)) {
      throw new BadInput(name, "must be an object");
    }
    return o;
  }

  private static JsonArray array(JsonObject json, String name, boolean required) {
    Object value = json.getValue(name);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof JsonArray a)) {
      throw new BadInput(name, "must be an array");
    }
    return a;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
