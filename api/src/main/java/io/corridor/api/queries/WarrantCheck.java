package io.corridor.api.queries;

import io.corridor.api.warrants.Area;
import io.corridor.api.warrants.Warrant;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Whether a query may run under a warrant: the warrant is the analyst's own, approved as often as
 * needed, not revoked or expired, its case not closed; the query's window lies inside the warrant's; its plate, cameras
 * or area lie inside the warrant's scope. Pure; each check throws the {@link Refusal} that applies.
 */
public final class WarrantCheck {

  private WarrantCheck() {}

  /** The warrant may be used by {@code analyst} at {@code now} for the window [from, to). */
  public static void usable(Warrant w, String analyst, Instant now, Instant from, Instant to) {
    if (!w.requestedBy().equals(analyst)) {
      throw Refusal.NO_WARRANT.because("warrant " + w.id() + " was not issued to you");
    }
    switch (w.state()) {
      case REVOKED -> throw Refusal.REVOKED.because("warrant " + w.id() + " was revoked");
      case REQUESTED, REJECTED -> throw Refusal.NOT_APPROVED.because("warrant " + w.id() + " is " + w.state()
          + ", not approved");
      case PARTLY_APPROVED -> throw Refusal.SECOND_APPROVAL_MISSING.because("warrant " + w.id()
          + " reaches past the open tier and has one approval of the two it needs");
      case APPROVED -> { }
    }
    if (w.caseClosedAt() != null) {
      throw Refusal.CASE_CLOSED.because("case " + w.caseId() + " of warrant " + w.id() + " was closed at "
          + w.caseClosedAt());
    }
    if (w.expiredAt(now)) {
      throw Refusal.EXPIRED.because("warrant " + w.id() + " expired at " + w.expiresAt());
    }
    if (from.isBefore(w.windowFrom()) || to.isAfter(w.windowTo())) {
      throw Refusal.WINDOW_OUTSIDE_WARRANT.because("the window " + from + " .. " + to + " is not inside the warrant's "
          + w.windowFrom() + " .. " + w.windowTo());
    }
  }

  /** The plate with blind index {@code hash} is named by the warrant. */
  public static void plate(Warrant w, byte[] hash) {
    for (byte[] h : w.plateHashes()) {
      if (MessageDigest.isEqual(h, hash)) {
        return;
      }
    }
    throw Refusal.PLATE_OUTSIDE_SCOPE.because("the plate is not named by warrant " + w.id());
  }

  /**
   * Every camera is named by the warrant or stands inside its area.
   *
   * @param locations known camera positions as {@code [lon, lat]}
   */
  public static void cameras(Warrant w, Collection<String> cameras, Map<String, double[]> locations) {
    for (String camera : cameras) {
      double[] at = locations.get(camera);
      boolean inArea = w.area() != null && at != null && w.area().covers(at[0], at[1]);
      if (!w.cameras().contains(camera) && !inArea) {
        throw Refusal.CAMERA_OUTSIDE_SCOPE.because("camera " + camera + " is not in the scope of warrant " + w.id());
      }
    }
  }

  /** The area lies entirely inside the warrant's area. */
  public static void area(Warrant w, Area area) {
    if (w.area() == null || !w.area().covers(area)) {
      throw Refusal.AREA_OUTSIDE_SCOPE.because("the area is not inside the area of warrant " + w.id());
    }
  }
}
