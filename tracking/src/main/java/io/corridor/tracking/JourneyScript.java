package io.corridor.tracking;

import io.corridor.tracking.detect.LatLon;
import io.corridor.tracking.detect.LocalProjection;
import io.corridor.tracking.detect.TrackPoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A scripted journey: shipments with their declarations and what their trucks do (drive through
 * waypoints at a speed, stop, change a sensor, go silent, pass a camera), turned into the fixes
 * and plate reads real devices would send, in time order. Deterministic: the same script always
 * gives the same events. Used by the journey tests and the demo; {@link #startingAt} moves the
 * whole journey (declarations included) to another start.
 */
public final class JourneyScript {

  /** Something a device sends. */
  public sealed interface Event permits Fix, Read {
    /** When it happened. */
    Instant time();

    /** The script's name of the shipment it concerns. */
    String shipment();
  }

  /** A tracker fix. */
  public record Fix(String shipment, TrackPoint point) implements Event {
    @Override
    public Instant time() {
      return point.time();
    }
  }

  /** A camera reading the shipment's truck plate. */
  public record Read(String shipment, String plate, String cameraId, Instant time, LatLon at) implements Event {}

  private final JsonObject script;
  private final Duration shift;

  private JourneyScript(JsonObject script, Duration shift) {
    this.script = script;
    this.shift = shift;
  }

  /**
   * The Durrës–Prishtina journey: a fuel tanker and a medical shipment with every kind of
   * misbehaviour the alerts are for, and the alerts it must produce. The journey tests' fixture,
   * and what the demo replays.
   */
  public static JourneyScript durresPrishtina() {
    try (java.io.InputStream in = JourneyScript.class.getResourceAsStream("/io/corridor/tracking/journeys/durres-prishtina.json")) {
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads a script. */
  public static JourneyScript parse(String json) {
    return new JourneyScript(new JsonObject(json), Duration.ZERO);
  }

  /** The same journey moved so that it starts at {@code start}. */
  public JourneyScript startingAt(Instant start) {
    return new JourneyScript(script, Duration.between(Instant.parse(script.getString("start")), start));
  }

  /** When the journey starts. */
  public Instant start() {
    return Instant.parse(script.getString("start")).plus(shift);
  }

  /** The cameras and where they stand. */
  public Map<String, LatLon> cameras() {
    Map<String, LatLon> cameras = new LinkedHashMap<>();
    script.getJsonObject("cameras").forEach(e -> cameras.put(e.getKey(), point((JsonArray) e.getValue())));
    return cameras;
  }

  /** Shipment names in script order. */
  public List<String> shipments() {
    return script.getJsonArray("shipments").stream().map(s -> ((JsonObject) s).getString("name")).toList();
  }

  /** The tracker of shipment {@code name}. */
  public String tracker(String name) {
    return shipment(name).getString("tracker");
  }

  /** The declaration of shipment {@code name} (as {@code POST /v1/shipments} takes it), times moved. */
  public JsonObject declaration(String name) {
    JsonObject d = shipment(name).getJsonObject("declaration").copy();
    d.put("plannedDeparture", moved(d.getString("plannedDeparture")));
    JsonObject eta = d.getJsonObject("eta");
    eta.put("earliest", moved(eta.getString("earliest"))).put("latest", moved(eta.getString("latest")));
    return d;
  }

  /** The expected alerts, as written in the script. */
  public JsonArray expected() {
    return script.getJsonArray("expected");
  }

  /** Every fix and read of every shipment, in time order. */
  public List<Event> events() {
    List<Event> events = new ArrayList<>();
    for (String name : shipments()) {
      events.addAll(new Truck(shipment(name), start(), script.getInteger("every", 60), cameras()).run());
    }
    events.sort(Comparator.comparing(Event::time));
    return events;
  }

  /**
   * The fix as Corridor's own JSON for {@code POST /v1/positions} (what a gateway sends), its id
   * derived from tracker and time so that sending it again is a retry of the same position.
   */
  public static JsonObject positionJson(TrackPoint p) {
    JsonObject sensors = new JsonObject();
    if (p.fuelLitres() != null) {
      sensors.put("fuel", p.fuelLitres());
    }
    return new JsonObject().put("eventId", UUID.nameUUIDFromBytes((p.deviceId() + p.time()).getBytes(StandardCharsets.UTF_8))
            .toString()).put("deviceId", p.deviceId()).put("eventTime", p.time().toString())
        .put("location", new JsonObject().put("lat", p.at().lat()).put("lon", p.at().lon()))
        .put("speedKmh", p.speedKmh()).put("temperatureC", p.temperatureC()).put("sealClosed", p.sealClosed())
        .put("batteryPct", p.batteryPct()).put("sensors", sensors);
  }

  /** The read as its camera posts it to {@code POST /v1/reads}, its id derived from camera, plate and time. */
  public static JsonObject readJson(Read r) {
    return new JsonObject().put("eventId", UUID.nameUUIDFromBytes((r.cameraId() + r.plate() + r.time())
            .getBytes(StandardCharsets.UTF_8)).toString()).put("deviceId", r.cameraId())
        .put("eventTime", r.time().toString()).put("plate", r.plate().replace(" ", "")).put("confidence", 0.93);
  }

  /** When shipment {@code name}'s last event happens. */
  public Instant end(String name) {
    return events().stream().filter(e -> e.shipment().equals(name)).map(Event::time).max(Comparator.naturalOrder())
        .orElseThrow();
  }

  private JsonObject shipment(String name) {
    return script.getJsonArray("shipments").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("name").equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no shipment " + name));
  }

  private String moved(String instant) {
    return Instant.parse(instant).plus(shift).toString();
  }

  static LatLon point(JsonArray p) {
    return new LatLon(p.getDouble(0), p.getDouble(1));
  }

  /** Plays one shipment's script. */
  private static final class Truck {
    private final JsonObject spec;
    private final String name;
    private final String tracker;
    private final String plate;
    private final int every;
    private final Map<String, LatLon> cameras;
    private final Map<String, Object> sensors = new HashMap<>();
    private final List<Event> out = new ArrayList<>();
    private Instant t;
    private LatLon at;
    private int n;

    Truck(JsonObject spec, Instant journeyStart, int every, Map<String, LatLon> cameras) {
      this.spec = spec;
      this.name = spec.getString("name");
      this.tracker = spec.getString("tracker");
      JsonObject declaration = spec.getJsonObject("declaration");
      this.plate = declaration.getString("truckPlate");
      this.every = every;
      this.cameras = cameras;
      this.t = journeyStart.plus(Duration.ofMinutes(spec.getInteger("startMinute", 0)));
      this.at = point(declaration.getJsonObject("route").getJsonArray("points").getJsonArray(0));
      spec.getJsonObject("sensors", new JsonObject()).forEach(e -> sensors.put(e.getKey(), e.getValue()));
    }

    List<Event> run() {
      emit(at, 0, Map.of());
      for (Object o : spec.getJsonArray("script")) {
        JsonObject step = (JsonObject) o;
        if (step.containsKey("drive")) {
          drive(step);
        } else if (step.containsKey("stop")) {
          stop(step);
        } else if (step.containsKey("set")) {
          step.getJsonObject("set").forEach(e -> sensors.put(e.getKey(), e.getValue()));
        } else if (step.containsKey("read")) {
          String camera = step.getString("read");
          out.add(new Read(name, plate, camera, t, cameras.get(camera)));
        } else {
          throw new IllegalArgumentException("unknown step " + step.encode());
        }
      }
      return out;
    }

    private void drive(JsonObject step) {
      double mps = step.getDouble("kmh") / 3.6;
      boolean silent = step.getBoolean("silent", false);
      List<LatLon> legs = new ArrayList<>();
      legs.add(at);
      step.getJsonArray("drive").forEach(p -> legs.add(point((JsonArray) p)));
      LocalProjection plane = new LocalProjection(at);
      double[] cumulative = new double[legs.size()];
      for (int i = 1; i < legs.size(); i++) {
        cumulative[i] = cumulative[i - 1] + LocalProjection.distanceM(legs.get(i - 1), legs.get(i));
      }
      double total = cumulative[legs.size() - 1];
      double seconds = total / mps;
      Instant from = t;
      for (long s = every; s < seconds; s += every) {
        double d = s * mps;
        int i = 1;
        while (cumulative[i] < d) {
          i++;
        }
        double f = (d - cumulative[i - 1]) / (cumulative[i] - cumulative[i - 1]);
        var a = plane.project(legs.get(i - 1));
        var b = plane.project(legs.get(i));
        LatLon p = plane.unproject(new org.locationtech.jts.geom.Coordinate(a.x + f * (b.x - a.x), a.y + f * (b.y - a.y)));
        t = from.plusSeconds(s);
        if (!silent) {
          emit(p, step.getDouble("kmh"), Map.of());
        }
      }
      t = from.plusMillis(Math.round(seconds * 1000));
      at = legs.get(legs.size() - 1);
      if (!silent) {
        emit(at, step.getDouble("kmh"), Map.of());
      }
    }

    private void stop(JsonObject step) {
      int minutes = step.getInteger("stop");
      int fixes = minutes * 60 / every;
      double drop = step.getDouble("fuelDrop", 0.0);
      double fuelAtStart = sensors.get("fuel") instanceof Number f ? f.doubleValue() : Double.NaN;
      JsonObject spike = step.getJsonObject("spike");
      for (int k = 1; k <= fixes; k++) {
        t = t.plusSeconds(every);
        if (!Double.isNaN(fuelAtStart) && drop > 0) {
          sensors.put("fuel", fuelAtStart - drop * k / fixes);
        }
        Map<String, Object> once = spike != null && k == fixes / 2 ? spike.getMap() : Map.of();
        // GPS noise while parked: a few metres, deterministic
        double jitter = ((n * 7919) % 31 - 15) / 111_000.0;
        emit(new LatLon(at.lat() + jitter, at.lon() - jitter), 0, once);
      }
    }

    private void emit(LatLon p, double kmh, Map<String, Object> offsets) {
      n++;
      Double fuel = number("fuel", offsets);
      if (fuel != null) {
        fuel += (n * 37) % 21 - 10; // sensor noise of ±10 L
      }
      Double temp = number("temp", offsets);
      if (temp != null) {
        temp += ((n * 13) % 5 - 2) / 20.0;
      }
      Boolean seal = sensors.get("seal") instanceof Boolean b ? b : null;
      out.add(new Fix(name, new TrackPoint(tracker, t, p, kmh, temp, seal, null, fuel, number("battery", offsets),
          Set.of())));
    }

    private Double number(String key, Map<String, Object> offsets) {
      if (!(sensors.get(key) instanceof Number v)) {
        return null;
      }
      double offset = offsets.get(key) instanceof Number o ? o.doubleValue() : 0;
      return v.doubleValue() + offset;
    }
  }
}
