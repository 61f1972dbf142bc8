package io.corridor.tracking.detect;

import java.time.Duration;
import java.time.Instant;

/**
 * Tracker silent: no fix for longer than {@code silentAfter}. Judged twice, with the same episode
 * id (it starts at the last fix before the gap): live by the clock on ticks, and by the gap in
 * event time when the next fix arrives, so a replayed buffer that hides the gap from the clock
 * still shows it.
 */
final class SilenceDetector implements Detector {

  @Override
  public void fix(Judgement j, TrackPoint p) {
    TrackPoint previous = j.state.lastPoint.get(p.deviceId());
    if (j.episode(AlertKind.TRACKER_SILENT, p.deviceId()) == null && previous != null) {
      Duration gap = Duration.between(previous.time(), p.time());
      if (gap.compareTo(j.limits.silentAfter()) > 0) {
        raise(j, p.deviceId(), previous.time(), gap);
      }
    }
    j.clear(AlertKind.TRACKER_SILENT, p.deviceId(), p.time());
  }

  @Override
  public void tick(Judgement j, Instant now) {
    for (String tracker : j.plan.trackers()) {
      Instant heard = j.state.lastReceived.getOrDefault(tracker, j.state.startedAt);
      TrackPoint last = j.state.lastPoint.get(tracker);
      Duration silent = Duration.between(heard, now);
      if (silent.compareTo(j.limits.silentAfter()) > 0 && j.episode(AlertKind.TRACKER_SILENT, tracker) == null) {
        raise(j, tracker, last == null ? j.state.startedAt : last.time(), silent);
      }
    }
  }

  private static void raise(Judgement j, String tracker, Instant since, Duration silent) {
    Episode e = j.watch(AlertKind.TRACKER_SILENT, tracker, since, tracker);
    j.raise(e, "WARNING", "tracker " + tracker + " silent for more than " + Judgement.minutes(j.limits.silentAfter())
        + " (" + Judgement.minutes(silent) + " so far)");
  }
}
