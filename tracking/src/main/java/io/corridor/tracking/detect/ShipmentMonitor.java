package io.corridor.tracking.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Judges one shipment's events against its plan: fixes, plate sightings, clock ticks and the end
 * of monitoring. Fixes wait {@code reorderWindow} so that fixes arriving out of order are judged
 * in event-time order; a fix older than one already judged is counted as late and not judged.
 * Plain logic on a {@link MonitorState}; no clock of its own (callers pass processing time), so the
 * same inputs always give the same alerts, on any member.
 */
public final class ShipmentMonitor {

  private static final Duration RECENT = Duration.ofHours(2);
  private static final Comparator<TrackPoint> BY_TIME = Comparator.comparing(TrackPoint::time)
      .thenComparing(TrackPoint::deviceId);

  private final Duration reorderWindow;
  private final List<Detector> detectors = List.of(new SilenceDetector(), new CorridorDetector(), new StopDetector(),
      new SealDetector(), new ColdChainDetector(), new AlarmDetector(), new BorderDetector(), new OverdueDetector(),
      new PlateCheckDetector());

  /** A monitor holding fixes back for {@code reorderWindow} before judging them. */
  public ShipmentMonitor(Duration reorderWindow) {
    this.reorderWindow = reorderWindow;
  }

  /** A committed fix from one of the shipment's trackers, received at {@code now}. */
  public List<AlertChange> fix(MonitorState state, TrackPoint p, Instant now) {
    Judgement j = new Judgement(state, now);
    if (state.ended) {
      return j.changes;
    }
    if (seen(state, p)) {
      return j.changes; // the same fix again (an outbox row claimed after its lease ran out): judged once
    }
    state.lastReceived.merge(p.deviceId(), now, (a, b) -> a.isAfter(b) ? a : b);
    if (state.watermark != null && p.time().isBefore(state.watermark)) {
      state.late++;
    } else {
      int at = 0;
      while (at < state.pending.size() && BY_TIME.compare(state.pending.get(at).point(), p) <= 0) {
        at++;
      }
      state.pending.add(at, new MonitorState.Pending(p, now));
    }
    release(j, now, false);
    return j.changes;
  }

  /** Whether this tracker's fix at this time is waiting or was judged already (within the recent window). */
  private static boolean seen(MonitorState state, TrackPoint p) {
    for (MonitorState.Pending q : state.pending) {
      if (q.point().time().equals(p.time()) && q.point().deviceId().equals(p.deviceId())) {
        return true;
      }
    }
    if (state.watermark == null || p.time().isAfter(state.watermark)) {
      return false;
    }
    for (int i = state.recent.size() - 1; i >= 0; i--) { // newest first: a repeat is nearly always recent
      TrackPoint q = state.recent.get(i);
      if (q.time().isBefore(p.time())) {
        return false;
      }
      if (q.time().equals(p.time()) && q.deviceId().equals(p.deviceId())) {
        return true;
      }
    }
    return false;
  }

  /** A committed ANPR read of the shipment's truck plate. */
  public List<AlertChange> sighting(MonitorState state, PlateSighting s, Instant now) {
    Judgement j = new Judgement(state, now);
    if (state.ended) {
      return j.changes;
    }
    if (state.sightings.stream().anyMatch(x -> x.readId().equals(s.readId()))) {
      return j.changes; // the same read again: judged once
    }
    state.sightings.add(s);
    state.sightings.removeIf(x -> x.time().isBefore(s.time().minus(RECENT)));
    PlateCheckDetector.lateCrossingRead(j, s);
    if (state.watermark != null && !s.time().isAfter(state.watermark)) {
      detectors.forEach(d -> d.sighting(j, s));
    } else {
      state.unjudgedSightings.add(s);
    }
    release(j, now, false);
    return j.changes;
  }

  /** Processing time has reached {@code now}. */
  public List<AlertChange> tick(MonitorState state, Instant now) {
    Judgement j = new Judgement(state, now);
    if (state.ended) {
      return j.changes;
    }
    release(j, now, false);
    detectors.forEach(d -> d.tick(j, now));
    return j.changes;
  }

  /** Monitoring ends at {@code at} (arrived, cancelled): judges what is held back, then closes every episode. */
  public List<AlertChange> end(MonitorState state, Instant at) {
    Judgement j = new Judgement(state, at);
    if (state.ended) {
      return j.changes;
    }
    release(j, at, true);
    detectors.forEach(d -> d.end(j, at));
    j.clearAll(at);
    state.ended = true;
    return j.changes;
  }

  private void release(Judgement j, Instant now, boolean all) {
    MonitorState state = j.state;
    if (state.pending.isEmpty()) {
      return;
    }
    // a fix waits until one newer by the window arrived, or until it has waited the window itself
    Instant newest = state.pending.get(state.pending.size() - 1).point().time();
    Instant byEventTime = newest.minus(reorderWindow);
    Instant byReceipt = now.minus(reorderWindow);
    while (!state.pending.isEmpty()) {
      MonitorState.Pending first = state.pending.get(0);
      if (!all && first.point().time().isAfter(byEventTime) && first.received().isAfter(byReceipt)) {
        break;
      }
      judge(j, state.pending.remove(0).point());
    }
  }

  private void judge(Judgement j, TrackPoint p) {
    MonitorState state = j.state;
    // Intake checks jumps per node; here the fixes of every node meet, in event-time order.
    if (!state.jumpTracks.computeIfAbsent(p.deviceId(), d -> new JumpTrack())
        .plausible(p.time(), p.at(), state.plan.thresholds().maxSpeedKmh())) {
      state.jumps++;
      return;
    }
    for (Detector d : detectors) {
      d.fix(j, p);
    }
    state.lastPoint.put(p.deviceId(), p);
    state.recent.add(p);
    // judged in event-time order, so the fixes older than the window are the first ones
    Instant oldest = p.time().minus(RECENT);
    int old = 0;
    while (old < state.recent.size() && state.recent.get(old).time().isBefore(oldest)) {
      old++;
    }
    state.recent.subList(0, old).clear();
    state.watermark = p.time();
    for (Iterator<PlateSighting> it = state.unjudgedSightings.iterator(); it.hasNext(); ) {
      PlateSighting s = it.next();
      if (!s.time().isAfter(state.watermark)) {
        it.remove();
        detectors.forEach(d -> d.sighting(j, s));
      }
    }
  }
}
