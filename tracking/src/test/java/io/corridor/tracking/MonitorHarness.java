package io.corridor.tracking;

import io.corridor.config.Settings;
import io.corridor.tracking.detect.AlertChange;
import io.corridor.tracking.detect.CargoAlert;
import io.corridor.tracking.detect.MonitorState;
import io.corridor.tracking.detect.PlateSighting;
import io.corridor.tracking.detect.ShipmentMonitor;
import io.corridor.tracking.detect.TrackPoint;
import io.corridor.tracking.http.DeclarationDecoder;
import io.corridor.tracking.shipments.Declaration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The (event, time) harness of the detectors: feeds a journey's fixes, plate reads and clock ticks
 * to one {@link ShipmentMonitor} per shipment, as the cluster would, and records every change.
 */
final class MonitorHarness {

  final CargoOptions options;
  final ShipmentMonitor monitor;
  final Map<String, MonitorState> states = new LinkedHashMap<>();
  final Map<String, String> plates = new LinkedHashMap<>();
  final List<AlertChange> changes = new ArrayList<>();

  MonitorHarness(Map<String, String> settings) {
    this.options = new CargoOptions(Settings.of(settings));
    this.monitor = new ShipmentMonitor(options.reorderWindow());
  }

  /** Starts monitoring a declared shipment (its release) at {@code at}. */
  void release(String shipment, Declaration d, Instant at) {
    states.put(shipment, new MonitorState(d.plan(shipment, options.thresholds(d.goods()), BorderCrossings.load("")), at));
    plates.put(d.truckPlate(), shipment);
  }

  /** Releases every shipment of {@code script} at its planned departure. */
  void release(JourneyScript script) {
    for (String name : script.shipments()) {
      Declaration d = DeclarationDecoder.decode(script.declaration(name));
      release(name, d, d.plannedDeparture());
    }
  }

  void fix(String shipment, TrackPoint p, Instant now) {
    changes.addAll(monitor.fix(states.get(shipment), p, now));
  }

  void read(String plate, PlateSighting s, Instant now) {
    String shipment = plates.get(Declaration.normalisePlate(plate));
    if (shipment != null) {
      changes.addAll(monitor.sighting(states.get(shipment), s, now));
    }
  }

  void tick(Instant now) {
    states.values().forEach(s -> changes.addAll(monitor.tick(s, now)));
  }

  void end(String shipment, Instant at) {
    changes.addAll(monitor.end(states.get(shipment), at));
  }

  /**
   * Plays {@code events} as if each arrived at {@code arrival(event)}, with a tick every minute of
   * the clock, and ends each shipment a minute after its last event.
   */
  void play(JourneyScript script, List<JourneyScript.Event> events, java.util.function.Function<JourneyScript.Event, Instant> arrival) {
    List<JourneyScript.Event> byArrival = new ArrayList<>(events);
    byArrival.sort(java.util.Comparator.comparing(arrival));
    Instant clock = script.start();
    Map<String, Instant> ends = new LinkedHashMap<>();
    script.shipments().forEach(name -> ends.put(name, script.end(name).plus(Duration.ofMinutes(1))));
    for (JourneyScript.Event e : byArrival) {
      Instant at = arrival.apply(e);
      while (!clock.plus(Duration.ofMinutes(1)).isAfter(at)) {
        clock = clock.plus(Duration.ofMinutes(1));
        tick(clock);
        endDue(ends, clock);
      }
      deliver(e, at);
    }
    while (!ends.isEmpty()) {
      clock = clock.plus(Duration.ofMinutes(1));
      tick(clock);
      endDue(ends, clock);
    }
  }

  private void endDue(Map<String, Instant> ends, Instant clock) {
    ends.entrySet().removeIf(e -> {
      if (!e.getValue().isAfter(clock)) {
        end(e.getKey(), e.getValue());
        return true;
      }
      return false;
    });
  }

  private void deliver(JourneyScript.Event e, Instant now) {
    if (e instanceof JourneyScript.Fix f) {
      fix(f.shipment(), f.point(), now);
    } else if (e instanceof JourneyScript.Read r) {
      read(r.plate(), new PlateSighting("read-" + r.cameraId() + "-" + r.time(), r.cameraId(), r.time(), r.at()), now);
    }
  }

  /** Alerts raised, in order, each with its final form (closed when a close followed). */
  List<CargoAlert> alerts() {
    Map<String, CargoAlert> byId = new LinkedHashMap<>();
    for (AlertChange c : changes) {
      if (c.raised() && byId.containsKey(c.alert().id())) {
        throw new AssertionError("raised twice: " + c.alert());
      }
      byId.put(c.alert().id(), c.alert());
    }
    return List.copyOf(byId.values());
  }
}
