package io.corridor.tracking.detect;

import java.time.Duration;
import java.time.Instant;

/** Overdue: not arrived by the end of the ETA window (by the clock); clears on arrival. */
final class OverdueDetector implements Detector {

  @Override
  public void tick(Judgement j, Instant now) {
    Instant latest = j.plan.etaLatest();
    if (latest != null && now.isAfter(latest) && j.episode(AlertKind.OVERDUE, "eta") == null) {
      Episode e = j.watch(AlertKind.OVERDUE, "eta", latest, null);
      j.raise(e, "WARNING", "not arrived by the end of its ETA window " + latest + " ("
          + Judgement.minutes(Duration.between(latest, now)) + " late)");
    }
  }
}
