package io.corridor.tracking.detect;

import java.io.Serializable;
import java.time.Duration;

/**
 * A named circle on the map: a declared stop, a border crossing, a destination.
 *
 * @param name what people call it, e.g. {@code Morinë–Vërmica}
 * @param centre its centre
 * @param radiusM how far from the centre still counts as being there, metres
 * @param maxStay the longest a declared stop may last (null: no limit, e.g. a crossing)
 * @param cameraId the ANPR camera that should read the truck there (null: none)
 */
public record Place(String name, LatLon centre, double radiusM, Duration maxStay, String cameraId) implements Serializable {

  /** A place without stay limit or camera. */
  public static Place of(String name, LatLon centre, double radiusM) {
    return new Place(name, centre, radiusM, null, null);
  }

  /** Whether {@code p} lies within the radius. */
  public boolean contains(LatLon p) {
    return LocalProjection.distanceM(centre, p) <= radiusM;
  }
}
