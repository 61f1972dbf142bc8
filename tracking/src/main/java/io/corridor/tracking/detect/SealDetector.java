package io.corridor.tracking.detect;

/** E-seal or door opened before the destination; clears when the sensor reads closed again. */
final class SealDetector implements Detector {

  @Override
  public void fix(Judgement j, TrackPoint p) {
    boolean atDestination = LocalProjection.distanceM(p.at(), j.plan.destination()) <= j.limits.destinationRadiusM();
    judge(j, p, p.deviceId() + ":seal", p.sealClosed() == null ? null : !p.sealClosed(), atDestination, "e-seal");
    judge(j, p, p.deviceId() + ":door", p.doorOpen(), atDestination, "door");
  }

  private static void judge(Judgement j, TrackPoint p, String key, Boolean open, boolean atDestination, String what) {
    if (open == null) {
      return;
    }
    if (!open) {
      j.clear(AlertKind.SEAL_OPENED, key, p.time());
      return;
    }
    if (atDestination && j.episode(AlertKind.SEAL_OPENED, key) == null) {
      return;
    }
    Episode e = j.watch(AlertKind.SEAL_OPENED, key, p.time(), p.deviceId());
    e.details.put("sensor", what);
    j.raise(e, "CRITICAL", what + " opened before the destination at " + StopDetector.round(p.at()));
  }
}
