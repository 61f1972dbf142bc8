package io.corridor.tracking.detect;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the detectors judge one shipment against, taken from its declaration when it is released,
 * with the thresholds of its goods class and the configured border crossings already resolved, so
 * an entry processor on any member needs nothing else.
 *
 * @param shipmentId the shipment
 * @param goods goods class (fuel, medical, other)
 * @param trackers the trackers fitted to it
 * @param route declared route, at least two points
 * @param corridorWidthM full width of the corridor around the route, metres (half on each side)
 * @param crossings declared border crossings
 * @param stops planned stops, with their maximum stay
 * @param etaLatest end of the ETA window (null: never overdue)
 * @param minTempC lower end of the temperature range (null: no cold chain)
 * @param maxTempC upper end of the temperature range
 * @param allowedExcursion how long the temperature may stay outside the range
 * @param borders the configured border crossing points of the network
 * @param thresholds the limits of its goods class
 */
public record MonitorPlan(String shipmentId, String goods, Set<String> trackers, List<LatLon> route, double corridorWidthM,
    List<Place> crossings, List<Place> stops, Instant etaLatest, Double minTempC, Double maxTempC,
    Duration allowedExcursion, List<Place> borders, Thresholds thresholds) implements Serializable {

  /** Copies the collections and checks the route. */
  public MonitorPlan {
    trackers = Set.copyOf(trackers);
    route = List.copyOf(route);
    crossings = List.copyOf(crossings);
    stops = List.copyOf(stops);
    borders = List.copyOf(borders);
    if (route.size() < 2) {
      throw new IllegalArgumentException("a route needs at least two points");
    }
    if (allowedExcursion == null) {
      allowedExcursion = Duration.ZERO;
    }
  }

  /** Whether the shipment has a temperature range to keep. */
  public boolean coldChain() {
    return minTempC != null && maxTempC != null;
  }

  /** The end of the declared route, where the destination office is. */
  public LatLon destination() {
    return route.get(route.size() - 1);
  }
}
