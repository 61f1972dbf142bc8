package io.corridor.tracking.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The ANPR cross-check no single system makes. (1) A camera read the truck's plate more than
 * {@code plateDistanceM} from where the shipment's trackers were at that moment (interpolated
 * between the fixes around it): the tracker may have been moved to another vehicle. The episode
 * clears with the next read that matches. (2) The tracker reached a declared crossing that names a
 * camera, and that camera did not read the plate within {@code crossingReadWindow} of it.
 */
final class PlateCheckDetector implements Detector {

  /** A read is judged only against fixes at most this far from it in time. */
  static final Duration MATCH_SPAN = Duration.ofMinutes(10);
  /**
   * Once the tracker's own fixes show the window has passed, the camera still gets this long (by the
   * clock) for its read to arrive: cameras and trackers deliver over different paths and a replayed
   * buffer of fixes can run far ahead of the reads.
   */
  static final Duration READ_GRACE = Duration.ofMinutes(1);

  @Override
  public void sighting(Judgement j, PlateSighting s) {
    LatLon tracker = trackerAt(j, s.time());
    if (tracker == null) {
      return; // no fix near that time: silence is judged on its own
    }
    double distance = LocalProjection.distanceM(tracker, s.at());
    if (distance <= j.limits.plateDistanceM()) {
      j.clear(AlertKind.PLATE_SEEN_OFF_ROUTE, "plate", s.time());
      return;
    }
    Episode e = j.watch(AlertKind.PLATE_SEEN_OFF_ROUTE, "plate", s.time(), s.cameraId());
    e.details.put("cameraId", s.cameraId());
    e.details.put("readId", s.readId());
    e.details.put("distanceKm", String.format(Locale.ROOT, "%.1f", distance / 1000));
    j.raise(e, "CRITICAL", String.format(Locale.ROOT, "truck plate read by camera %s %.1f km from the shipment's tracker",
        s.cameraId(), distance / 1000));
  }

  @Override
  public void fix(Judgement j, TrackPoint p) {
    judgeCrossings(j, p.time(), false);
  }

  @Override
  public void tick(Judgement j, Instant now) {
    judgeCrossings(j, j.state.watermark, false);
  }

  @Override
  public void end(Judgement j, Instant at) {
    judgeCrossings(j, at, true);
  }

  private static void judgeCrossings(Judgement j, Instant upTo, boolean ending) {
    Duration window = j.limits.crossingReadWindow();
    for (Place crossing : j.plan.crossings()) {
      Instant reached = j.state.crossingReached.get(crossing.name());
      if (crossing.cameraId() == null || reached == null || j.state.crossingJudged.containsKey(crossing.name())) {
        continue;
      }
      boolean read = j.state.sightings.stream().anyMatch(s -> s.cameraId().equals(crossing.cameraId())
          && !s.time().isBefore(reached.minus(window)) && !s.time().isAfter(reached.plus(window)));
      if (read) {
        j.state.crossingJudged.put(crossing.name(), true);
        continue;
      }
      if (!ending && (upTo == null || !upTo.isAfter(reached.plus(window)))) {
        continue;
      }
      Instant due = j.state.crossingDue.computeIfAbsent(crossing.name(), n -> j.now);
      if (ending || !j.now.isBefore(due.plus(READ_GRACE))) {
        j.state.crossingJudged.put(crossing.name(), false);
        Episode e = j.watch(AlertKind.CROSSING_NOT_READ, crossing.name(), reached, crossing.cameraId());
        e.details.put("cameraId", crossing.cameraId());
        j.raise(e, "WARNING", "camera " + crossing.cameraId() + " at declared crossing " + crossing.name()
            + " did not read the truck's plate within " + Judgement.minutes(window) + " of the tracker passing");
      }
    }
  }

  /** A late read at a crossing already judged unread closes that alert. */
  static void lateCrossingRead(Judgement j, PlateSighting s) {
    for (Place crossing : j.plan.crossings()) {
      Instant reached = j.state.crossingReached.get(crossing.name());
      if (s.cameraId().equals(crossing.cameraId()) && reached != null
          && Boolean.FALSE.equals(j.state.crossingJudged.get(crossing.name()))) {
        j.clear(AlertKind.CROSSING_NOT_READ, crossing.name(), s.time());
        j.state.crossingJudged.put(crossing.name(), true);
      }
    }
  }

  private static LatLon trackerAt(Judgement j, Instant t) {
    TrackPoint before = null;
    TrackPoint after = null;
    for (TrackPoint p : j.state.recent) {
      if (!p.time().isAfter(t)) {
        before = p;
      } else if (after == null) {
        after = p;
      }
    }
    boolean nearBefore = before != null && Duration.between(before.time(), t).compareTo(MATCH_SPAN) <= 0;
    boolean nearAfter = after != null && Duration.between(t, after.time()).compareTo(MATCH_SPAN) <= 0;
    if (nearBefore && nearAfter) {
      double span = Duration.between(before.time(), after.time()).toMillis();
      double f = span == 0 ? 0 : Duration.between(before.time(), t).toMillis() / span;
      return new LatLon(before.at().lat() + f * (after.at().lat() - before.at().lat()),
          before.at().lon() + f * (after.at().lon() - before.at().lon()));
    }
    return nearBefore ? before.at() : nearAfter ? after.at() : null;
  }
}
