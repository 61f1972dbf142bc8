package io.corridor.tracking.shipments;

import io.corridor.tracking.detect.LatLon;
import io.corridor.tracking.detect.MonitorPlan;
import io.corridor.tracking.detect.Place;
import io.corridor.tracking.detect.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A customs declaration of a tracked shipment, validated. Plates are normalised (upper case, no
 * separators) like plate reads, so their blind index matches the cameras'.
 *
 * @param mrn Movement Reference Number, check character verified
 * @param goods goods class
 * @param description what the goods are
 * @param quantity how much
 * @param unit unit of {@code quantity} (l, kg, pcs, ...)
 * @param truckPlate the truck's plate, normalised
 * @param trailerPlate the trailer's plate, normalised (null: none)
 * @param trackers tracker device ids fitted
 * @param sealId the e-seal's id (null: none)
 * @param officeOfDeparture customs office reference of departure
 * @param officeOfDestination customs office reference of destination
 * @param route declared route polyline
 * @param corridorWidthM corridor width around the route, metres
 * @param crossings declared border crossings (a camera id where one should read the truck)
 * @param stops planned stops with radius and maximum stay
 * @param plannedDeparture planned departure
 * @param etaEarliest start of the ETA window
 * @param etaLatest end of the ETA window
 * @param minTempC lower end of the cargo temperature range (null: no cold chain)
 * @param maxTempC upper end of the cargo temperature range
 * @param excursionMinutes how long the temperature may stay outside the range
 * @param fuelLitres fuel volume loaded (null: not a tanker)
 */
public record Declaration(String mrn, GoodsClass goods, String description, double quantity, String unit,
    String truckPlate, String trailerPlate, List<String> trackers, String sealId, String officeOfDeparture,
    String officeOfDestination, List<LatLon> route, double corridorWidthM, List<Place> crossings, List<Place> stops,
    Instant plannedDeparture, Instant etaEarliest, Instant etaLatest, Double minTempC, Double maxTempC,
    Integer excursionMinutes, Double fuelLitres) {

  /** Copies the lists. */
  public Declaration {
    trackers = List.copyOf(trackers);
    route = List.copyOf(route);
    crossings = List.copyOf(crossings);
    stops = List.copyOf(stops);
  }

  /** Normalises plate text the way plate reads are: upper case, letters and digits only. */
  public static String normalisePlate(String plate) {
    return plate == null ? null : plate.toUpperCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  /** What the detectors judge this shipment against. */
  public MonitorPlan plan(String shipmentId, Thresholds thresholds, List<Place> borders) {
    return new MonitorPlan(shipmentId, goods.code(), new LinkedHashSet<>(trackers), route, corridorWidthM, crossings,
        stops, etaLatest, minTempC, maxTempC, Duration.ofMinutes(excursionMinutes == null ? 0 : excursionMinutes),
        borders, thresholds);
  }
}
