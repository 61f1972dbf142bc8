package io.corridor.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.tracking.detect.AlertKind;
import io.corridor.tracking.detect.CargoAlert;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Durrës–Prishtina journey through the detectors alone: exactly the expected alerts, no more. */
class JourneyHarnessTest {

  static JourneyScript journey() throws IOException {
    return JourneyScript.durresPrishtina();
  }

  @Test
  void theJourneyRaisesExactlyTheScriptedAlertsAndClosesThem() throws IOException {
    JourneyScript script = journey();
    MonitorHarness harness = new MonitorHarness(Map.of());
    harness.release(script);
    harness.play(script, script.events(), JourneyScript.Event::time);

    List<CargoAlert> alerts = harness.alerts();
    assertThat(alerts).extracting(a -> a.shipmentId() + " " + a.kind())
        .containsExactlyInAnyOrderElementsOf(expected(script));
    for (Object o : script.expected()) {
      JsonObject e = (JsonObject) o;
      CargoAlert alert = alerts.stream().filter(a -> a.shipmentId().equals(e.getString("shipment"))
          && a.kind() == AlertKind.valueOf(e.getString("kind"))).findFirst().orElseThrow();
      assertThat(alert.closed()).as("closed: " + alert).isEqualTo(e.getBoolean("closed"));
      e.getJsonObject("details", new JsonObject()).forEach(d -> assertThat(alert.details()).containsEntry(d.getKey(), String.valueOf(d.getValue())));
    }
  }

  @Test
  void fixesArrivingOutOfOrderGiveTheSameAlerts() throws IOException {
    JourneyScript script = journey();
    MonitorHarness inOrder = new MonitorHarness(Map.of());
    inOrder.release(script);
    inOrder.play(script, script.events(), JourneyScript.Event::time);

    // every other fix arrives 20 s late, after the fix that followed it
    List<JourneyScript.Event> events = script.events();
    List<JourneyScript.Event> late = new ArrayList<>();
    for (int i = 0; i < events.size(); i += 2) {
      late.add(events.get(i));
    }
    MonitorHarness shuffled = new MonitorHarness(Map.of("tracking.reorder-window", "90s"));
    shuffled.release(script);
    shuffled.play(script, events, e -> late.contains(e) ? e.time().plus(Duration.ofSeconds(80)) : e.time());

    assertThat(shuffled.alerts()).extracting(CargoAlert::id)
        .containsExactlyInAnyOrderElementsOf(inOrder.alerts().stream().map(CargoAlert::id).toList());
    assertThat(shuffled.states.values()).allSatisfy(s -> assertThat(s.lateFixes()).isZero());
  }

  @Test
  void replayingTheSameJourneyGivesTheSameAlertIds() throws IOException {
    JourneyScript script = journey();
    MonitorHarness first = new MonitorHarness(Map.of());
    first.release(script);
    first.play(script, script.events(), JourneyScript.Event::time);
    // a buffered replay long after the journey: the clock cannot see the silence, the gap can
    MonitorHarness replay = new MonitorHarness(Map.of());
    Instant later = script.start().plus(Duration.ofDays(2));
    replay.release(script);
    for (JourneyScript.Event e : script.events()) {
      if (e instanceof JourneyScript.Fix f) {
        replay.fix(f.shipment(), f.point(), later);
      } else if (e instanceof JourneyScript.Read r) {
        replay.read(r.plate(), new io.corridor.tracking.detect.PlateSighting("read-" + r.cameraId() + "-" + r.time(),
            r.cameraId(), r.time(), r.at()), later);
      }
    }
    script.shipments().forEach(s -> replay.end(s, later));
    assertThat(replay.alerts()).extracting(CargoAlert::id)
        .containsExactlyInAnyOrderElementsOf(first.alerts().stream().map(CargoAlert::id).toList());
  }

  @Test
  void everyFixAndReadDeliveredTwiceGivesTheSameAlertsAndTheSameState() throws IOException {
    JourneyScript script = journey();
    MonitorHarness once = new MonitorHarness(Map.of());
    once.release(script);
    once.play(script, script.events(), JourneyScript.Event::time);

    // each event again, as an outbox row claimed after its lease ran out: at once (still held back
    // by the reorder window) for half of them, 45 s later (already judged) for the others
    Map<JourneyScript.Event, Instant> arrivals = new java.util.IdentityHashMap<>();
    List<JourneyScript.Event> twice = new ArrayList<>();
    int i = 0;
    for (JourneyScript.Event e : script.events()) {
      JourneyScript.Event again = e instanceof JourneyScript.Fix f ? new JourneyScript.Fix(f.shipment(), f.point())
          : copy((JourneyScript.Read) e);
      arrivals.put(e, e.time());
      arrivals.put(again, e.time().plus(i++ % 2 == 0 ? Duration.ZERO : Duration.ofSeconds(45)));
      twice.add(e);
      twice.add(again);
    }
    MonitorHarness replayed = new MonitorHarness(Map.of());
    replayed.release(script);
    replayed.play(script, twice, arrivals::get);

    assertThat(replayed.alerts()).as("no alert doubled or lost").isEqualTo(once.alerts());
    assertThat(replayed.changes).as("every change once").isEqualTo(once.changes);
    for (String name : script.shipments()) {
      assertThat(replayed.states.get(name).lateFixes()).as("a repeat is not a late fix").isEqualTo(once.states.get(name).lateFixes());
    }
  }

  @Test
  void fixesJumpingFarFromTheTrackersTrackAreCheckedInTheClusterStateAndNotJudged() throws IOException {
    JourneyScript script = journey();
    MonitorHarness plain = new MonitorHarness(Map.of());
    plain.release(script);
    plain.play(script, script.events(), JourneyScript.Event::time);

    // a second source (another node, whose intake check had no history of this tracker) reports the
    // tanker's tracker 220 km north a second after each of its first 40 fixes
    List<JourneyScript.Event> events = new ArrayList<>();
    int spoofed = 0;
    for (JourneyScript.Event e : script.events()) {
      events.add(e);
      if (e instanceof JourneyScript.Fix f && f.shipment().equals("tanker") && spoofed < 40) {
        io.corridor.tracking.detect.TrackPoint p = f.point();
        events.add(new JourneyScript.Fix("tanker", io.corridor.tracking.detect.TrackPoint.at(p.deviceId(),
            p.time().plusSeconds(1), new io.corridor.tracking.detect.LatLon(p.at().lat() + 2, p.at().lon()))));
        spoofed++;
      }
    }
    MonitorHarness mixed = new MonitorHarness(Map.of());
    mixed.release(script);
    mixed.play(script, events, JourneyScript.Event::time);

    assertThat(mixed.alerts()).as("the jumps open no episode").isEqualTo(plain.alerts());
    assertThat(mixed.states.get("tanker").jumps()).isEqualTo(40);
    assertThat(plain.states.get("tanker").jumps()).isZero();
  }

  private static JourneyScript.Read copy(JourneyScript.Read r) {
    return new JourneyScript.Read(r.shipment(), r.plate(), r.cameraId(), r.time(), r.at());
  }

  static List<String> expected(JourneyScript script) {
    return script.expected().stream().map(JsonObject.class::cast)
        .map(e -> e.getString("shipment") + " " + e.getString("kind")).toList();
  }
}
