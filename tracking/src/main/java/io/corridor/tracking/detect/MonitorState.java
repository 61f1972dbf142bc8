package io.corridor.tracking.detect;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the detectors remember about one shipment between events. Lives as the value of the
 * shipment's key in the cluster map and is changed only by {@link ShipmentMonitor} on the key's
 * owner, so positions arriving at different nodes are judged in one place. Plain serializable
 * fields: a backup copy judges the same events to the same result.
 */
public final class MonitorState implements Serializable {

  final MonitorPlan plan;
  final Instant startedAt;
  boolean ended;
  /** A fix waiting for the reorder window, with when it was received. */
  record Pending(TrackPoint point, Instant received) implements Serializable {}

  /** Fixes waiting for the reorder window, sorted by event time. */
  final List<Pending> pending = new ArrayList<>();
  /** Declared crossing name → processing time its read window ran out by event time. */
  final Map<String, Instant> crossingDue = new HashMap<>();
  /** Event time up to which fixes have been judged. */
  Instant watermark;
  long late;
  /** Per tracker: the jump check over the fixes of every node, and how many fixes it refused. */
  final Map<String, JumpTrack> jumpTracks = new HashMap<>();
  long jumps;
  final Map<String, TrackPoint> lastPoint = new HashMap<>();
  final Map<String, Instant> lastReceived = new HashMap<>();
  /** The last two hours of judged fixes, for plate cross-checks. */
  final List<TrackPoint> recent = new ArrayList<>();
  /** Per tracker: the fix a possible stop began at, and the tank readings since. */
  final Map<String, TrackPoint> stopAnchor = new HashMap<>();
  final Map<String, List<Double>> stopFuel = new HashMap<>();
  /** Declared crossing name → when the tracker reached it. */
  final Map<String, Instant> crossingReached = new LinkedHashMap<>();
  final Map<String, Boolean> crossingJudged = new HashMap<>();
  final List<PlateSighting> sightings = new ArrayList<>();
  final List<PlateSighting> unjudgedSightings = new ArrayList<>();
  /** Open episodes by kind and key. */
  final Map<String, Episode> episodes = new LinkedHashMap<>();
  /** Changes not yet confirmed stored: kept here (and so in the backups) until acknowledged. */
  final List<AlertChange> outbox = new ArrayList<>();

  /** A fresh state for {@code plan}, monitoring from {@code startedAt}. */
  public MonitorState(MonitorPlan plan, Instant startedAt) {
    this.plan = plan;
    this.startedAt = startedAt;
  }

  /**
   * A state for {@code plan} that continues {@code open}, the shipment's alerts stored open: the
   * state of a monitor started again after every member holding it stopped, whose episodes only the
   * database still knows.
   */
  public MonitorState(MonitorPlan plan, Instant startedAt, List<CargoAlert> open) {
    this(plan, startedAt);
    for (CargoAlert a : open) {
      if (!a.closed() && a.shipmentId().equals(plan.shipmentId())) {
        episodes.putIfAbsent(a.kind() + "|" + a.key(), Episode.resumed(a, plan));
      }
    }
  }

  /** The plan judged against. */
  public MonitorPlan plan() {
    return plan;
  }

  /** Whether monitoring has ended (arrived or cancelled). */
  public boolean ended() {
    return ended;
  }

  /** Fixes that came after later fixes had already been judged (stored, not judged). */
  public long lateFixes() {
    return late;
  }

  /** Fixes not judged because they jumped implausibly far from the tracker's previous fix (as the cluster saw them). */
  public long jumps() {
    return jumps;
  }

  /** Adds {@code changes} to the outbox and returns everything in it, oldest first. */
  public List<AlertChange> queue(List<AlertChange> changes) {
    outbox.addAll(changes);
    return new ArrayList<>(outbox);
  }

  /** Removes stored changes from the outbox. */
  public void acknowledge(List<AlertChange> stored) {
    outbox.removeAll(stored);
  }

  /** Whether nothing is waiting to be stored. */
  public boolean settled() {
    return outbox.isEmpty();
  }

  /** Alerts raised and not yet cleared. */
  public List<CargoAlert> openAlerts() {
    return episodes.values().stream().filter(e -> e.raised).map(e -> e.alert(plan.shipmentId(), null)).toList();
  }
}
