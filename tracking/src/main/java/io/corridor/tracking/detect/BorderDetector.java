package io.corridor.tracking.detect;

/**
 * Undeclared border crossing: a fix at one of the network's configured border crossing points
 * that no declared crossing of the shipment covers. The episode lasts while the tracker is there.
 * Also notes when the tracker reaches each declared crossing, for the ANPR cross-check.
 */
final class BorderDetector implements Detector {

  @Override
  public void fix(Judgement j, TrackPoint p) {
    // Every fix is tested against every border of the network: test the place first (no episode can
    // be open at a border the fix is not at) and the declared crossings only at a border, without streams.
    for (Place border : j.plan.borders()) {
      if (!border.contains(p.at())) {
        j.clear(AlertKind.UNDECLARED_BORDER, border.name(), p.time());
        continue;
      }
      if (declared(j, border)) {
        continue;
      }
      Episode e = j.watch(AlertKind.UNDECLARED_BORDER, border.name(), p.time(), p.deviceId());
      e.details.put("crossing", border.name());
      j.raise(e, "CRITICAL", "at border crossing " + border.name() + ", which the declaration does not name");
    }
    for (Place crossing : j.plan.crossings()) {
      if (crossing.contains(p.at())) {
        j.state.crossingReached.putIfAbsent(crossing.name(), p.time());
      }
    }
  }

  private static boolean declared(Judgement j, Place border) {
    for (Place c : j.plan.crossings()) {
      if (LocalProjection.distanceM(c.centre(), border.centre()) <= c.radiusM() + border.radiusM()) {
        return true;
      }
    }
    return false;
  }
}
