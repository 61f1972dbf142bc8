package io.corridor.tracking.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One run of the detectors over one event: the state, the geometry and the changes produced. */
final class Judgement {

  final MonitorState state;
  final MonitorPlan plan;
  final Thresholds limits;
  final CorridorGeometry geometry;
  final List<AlertChange> changes = new ArrayList<>();
  /** Processing time of the event being judged. */
  final Instant now;

  Judgement(MonitorState state, Instant now) {
    this.state = state;
    this.now = now;
    this.plan = state.plan;
    this.limits = plan.thresholds();
    this.geometry = CorridorGeometry.of(plan);
  }

  Episode episode(AlertKind kind, String key) {
    return state.episodes.get(kind + "|" + key);
  }

  /** The open or candidate episode of {@code kind}/{@code key}, starting one at {@code start} if none. */
  Episode watch(AlertKind kind, String key, Instant start, String deviceId) {
    return state.episodes.computeIfAbsent(kind + "|" + key, k -> new Episode(kind, key, start, deviceId));
  }

  void raise(Episode e, String severity, String reason) {
    if (e.raised) {
      return;
    }
    e.raised = true;
    e.severity = severity;
    e.reason = reason;
    changes.add(new AlertChange(e.alert(plan.shipmentId(), null), true));
  }

  /** Ends the episode: a raised one is closed at {@code at}, a candidate is forgotten. */
  void clear(AlertKind kind, String key, Instant at) {
    if (state.episodes.isEmpty()) {
      return; // nearly every fix of a well-behaved shipment: no key to build
    }
    Episode e = state.episodes.remove(kind + "|" + key);
    if (e != null && e.raised) {
      e.details.put("minutes", Long.toString(Duration.between(e.start, at).toMinutes()));
      changes.add(new AlertChange(e.alert(plan.shipmentId(), at), false));
    }
  }

  /** Ends every episode (monitoring stops). */
  void clearAll(Instant at) {
    for (Episode e : List.copyOf(state.episodes.values())) {
      clear(e.kind, e.key, at);
    }
  }

  static String minutes(Duration d) {
    return d.toMinutes() + " min";
  }
}
