package io.corridor.tracking.detect;

import java.io.Serializable;

/**
 * A WGS84 position in degrees.
 *
 * @param lat latitude, -90..90
 * @param lon longitude, -180..180
 */
public record LatLon(double lat, double lon) implements Serializable {

  /** Checks the ranges. */
  public LatLon {
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("coordinates out of range: " + lat + "," + lon);
    }
  }
}
