package io.corridor.tracking;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import io.corridor.tracking.detect.Thresholds;
import io.corridor.tracking.shipments.GoodsClass;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Cargo alert thresholds (per goods class where customs set them so) and how the detectors run. */
public final class CargoOptions {

  /** Time outside the corridor before an alert, fuel tankers. */
  public static final ConfigKey FUEL_OFF_CORRIDOR = new ConfigKey("tracking.fuel.off-corridor-after", "10m",
      "Fuel shipments: time outside the declared corridor before an OFF_CORRIDOR alert");
  /** Unplanned stop duration, fuel tankers. */
  public static final ConfigKey FUEL_STOP = new ConfigKey("tracking.fuel.stop-after", "30m",
      "Fuel shipments: time stopped outside declared stops and crossings before an UNPLANNED_STOP alert");
  /** Fuel drop threshold. */
  public static final ConfigKey FUEL_DROP = new ConfigKey("tracking.fuel.drop-litres", "150",
      "Fuel shipments: tank level drop while stopped (median-filtered) that raises FUEL_DROP, in litres above sensor noise");
  /** Time outside the corridor before an alert, medical. */
  public static final ConfigKey MEDICAL_OFF_CORRIDOR = new ConfigKey("tracking.medical.off-corridor-after", "10m",
      "Medical shipments: time outside the declared corridor before an OFF_CORRIDOR alert");
  /** Unplanned stop duration, medical. */
  public static final ConfigKey MEDICAL_STOP = new ConfigKey("tracking.medical.stop-after", "30m",
      "Medical shipments: time stopped outside declared stops and crossings before an UNPLANNED_STOP alert");
  /** Fuel drop threshold, medical (the truck's own tank, when a sensor is fitted). */
  public static final ConfigKey MEDICAL_FUEL_DROP = new ConfigKey("tracking.medical.drop-litres", "80",
      "Medical shipments: tank level drop while stopped that raises FUEL_DROP, in litres");
  /** Time outside the corridor before an alert, other goods. */
  public static final ConfigKey OTHER_OFF_CORRIDOR = new ConfigKey("tracking.other.off-corridor-after", "20m",
      "Other shipments: time outside the declared corridor before an OFF_CORRIDOR alert");
  /** Unplanned stop duration, other goods. */
  public static final ConfigKey OTHER_STOP = new ConfigKey("tracking.other.stop-after", "60m",
      "Other shipments: time stopped outside declared stops and crossings before an UNPLANNED_STOP alert");
  /** Fuel drop threshold, other goods. */
  public static final ConfigKey OTHER_FUEL_DROP = new ConfigKey("tracking.other.drop-litres", "80",
      "Other shipments: tank level drop while stopped that raises FUEL_DROP, in litres");
  /** Stop radius. */
  public static final ConfigKey STOP_RADIUS = new ConfigKey("tracking.stop-radius-m", "200",
      "A tracker whose fixes stay within this many metres is stopped (GPS noise and manoeuvring stay inside)");
  /** Silence limit. */
  public static final ConfigKey SILENT_AFTER = new ConfigKey("tracking.silent-after", "15m",
      "Time without a fix before TRACKER_SILENT");
  /** Low battery level. */
  public static final ConfigKey LOW_BATTERY = new ConfigKey("tracking.low-battery-pct", "15",
      "Tracker battery level (%) at or below which DEVICE_ALARM lowBattery is raised");
  /** ANPR cross-check distance. */
  public static final ConfigKey PLATE_DISTANCE = new ConfigKey("tracking.plate-distance-km", "5",
      "An ANPR read of a shipment's truck plate farther than this from its tracker at that time raises PLATE_SEEN_OFF_ROUTE");
  /** Declared crossing read window. */
  public static final ConfigKey CROSSING_WINDOW = new ConfigKey("tracking.crossing-read-window", "30m",
      "How long around the tracker reaching a declared crossing its camera has to read the plate before CROSSING_NOT_READ");
  /** Destination radius. */
  public static final ConfigKey DESTINATION_RADIUS = new ConfigKey("tracking.destination-radius-m", "1000",
      "Within this many metres of the route's end a shipment is at its destination (seal may open, stops are expected)");
  /** Reorder window. */
  public static final ConfigKey REORDER_WINDOW = new ConfigKey("tracking.reorder-window", "30s",
      "A fix is held until one this much newer (event time) arrives, or this long (clock), so fixes arriving out of order are judged in event-time order");
  /** Tick period. */
  public static final ConfigKey TICK_INTERVAL = new ConfigKey("tracking.tick-interval", "30s",
      "How often each node judges its own shipments by the clock (silent trackers, overdue)");
  /**
   * Least time between the starts of two judging batches under load. OsmAnd trackers wait for each
   * answer, so a batch started as soon as the last ended held about one fix per shipment, and each
   * shipment in a batch costs a Hazelcast operation on its owner whatever its number of fixes
   * (docs/benchmarks.md). Alerts are raised at most this much later; a fix after a quiet spell is
   * judged at once, and a fix's outbox row is deleted only once it is judged, so a node that
   * dies with fixes waiting loses none of them.
   */
  public static final ConfigKey JUDGING_INTERVAL = new ConfigKey("tracking.judging-interval", "50ms",
      "Under load, a judging batch of committed fixes starts at most this often (several fixes per shipment in one cluster operation); alerts are raised up to this much later, a fix after a quiet spell is judged at once; 0ms: as soon as the previous batch ended");
  /** Largest judging batch; with this many fixes waiting the next batch starts without waiting out the interval. */
  public static final ConfigKey JUDGING_BATCH = new ConfigKey("tracking.judging-batch", String.valueOf(FixBatches.MAX_BATCH),
      "Most fixes judged in one batch; with this many waiting the next batch starts before the judging interval is out (keep it above the fixes a node receives per interval, or the interval does not gather more)");
  /** Border crossings file. */
  public static final ConfigKey BORDERS_FILE = new ConfigKey("tracking.border-crossings-file", "",
      "JSON file of the network's border crossing points (empty: the built-in list of Western Balkan road crossings)");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(FUEL_OFF_CORRIDOR, FUEL_STOP, FUEL_DROP, MEDICAL_OFF_CORRIDOR,
      MEDICAL_STOP, MEDICAL_FUEL_DROP, OTHER_OFF_CORRIDOR, OTHER_STOP, OTHER_FUEL_DROP, STOP_RADIUS, SILENT_AFTER,
      LOW_BATTERY, PLATE_DISTANCE, CROSSING_WINDOW, DESTINATION_RADIUS, REORDER_WINDOW, TICK_INTERVAL, JUDGING_INTERVAL,
      JUDGING_BATCH, BORDERS_FILE);

  private final Map<GoodsClass, Thresholds> thresholds = new EnumMap<>(GoodsClass.class);
  private final Duration reorderWindow;
  private final Duration tickInterval;
  private final String bordersFile;
  private final Duration judgingInterval;
  private final int judgingBatch;

  /** Reads and validates the tracking keys. */
  public CargoOptions(Settings s) {
    Thresholds common = new Thresholds(Duration.ZERO, Duration.ZERO, positive(s, STOP_RADIUS), 0, s.getDuration(SILENT_AFTER),
        number(s, LOW_BATTERY, 0, 100), positive(s, PLATE_DISTANCE) * 1000, s.getDuration(CROSSING_WINDOW),
        positive(s, DESTINATION_RADIUS), s.getPositiveInt(io.corridor.tracking.positions.TrackingOptions.MAX_SPEED_KMH));
    thresholds.put(GoodsClass.FUEL, common.withClassLimits(s.getDuration(FUEL_OFF_CORRIDOR), s.getDuration(FUEL_STOP),
        positive(s, FUEL_DROP)));
    thresholds.put(GoodsClass.MEDICAL, common.withClassLimits(s.getDuration(MEDICAL_OFF_CORRIDOR),
        s.getDuration(MEDICAL_STOP), positive(s, MEDICAL_FUEL_DROP)));
    thresholds.put(GoodsClass.OTHER, common.withClassLimits(s.getDuration(OTHER_OFF_CORRIDOR), s.getDuration(OTHER_STOP),
        positive(s, OTHER_FUEL_DROP)));
    reorderWindow = s.getDuration(REORDER_WINDOW);
    tickInterval = s.getDuration(TICK_INTERVAL);
    if (tickInterval.toMillis() < 100) {
      throw new ConfigException(TICK_INTERVAL, tickInterval.toString(), "must be at least 100ms");
    }
    bordersFile = s.get(BORDERS_FILE);
    judgingInterval = s.getDuration(JUDGING_INTERVAL);
    if (judgingInterval.compareTo(Duration.ofSeconds(5)) > 0) {
      // far below the outbox lease and the batch timeout, and alerts stay seconds behind at most
      throw new ConfigException(JUDGING_INTERVAL, judgingInterval.toString(), "must be at most 5s");
    }
    judgingBatch = s.getPositiveInt(JUDGING_BATCH);
    if (judgingBatch > FixBatches.MAX_QUEUED) {
      throw new ConfigException(JUDGING_BATCH, s.get(JUDGING_BATCH), "must be at most " + FixBatches.MAX_QUEUED);
    }
  }

  /** The thresholds of {@code goods}. */
  public Thresholds thresholds(GoodsClass goods) {
    return thresholds.get(goods);
  }

  public Duration reorderWindow() { return reorderWindow; }

  public Duration tickInterval() { return tickInterval; }

  public String bordersFile() { return bordersFile; }

  /** Least time between the starts of two judging batches ({@link #JUDGING_INTERVAL}). */
  public Duration judgingInterval() { return judgingInterval; }

  /** Most fixes in one judging batch ({@link #JUDGING_BATCH}). */
  public int judgingBatch() { return judgingBatch; }

  private static double positive(Settings s, ConfigKey key) {
    double v = number(s, key, 0, Double.MAX_VALUE);
    if (v <= 0) {
      throw new ConfigException(key, s.get(key), "must be greater than 0");
    }
    return v;
  }

  private static double number(Settings s, ConfigKey key, double min, double max) {
    String raw = s.get(key);
    try {
      double v = Double.parseDouble(raw);
      if (v < min || v > max) {
        throw new ConfigException(key, raw, "must be between " + min + " and " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, raw, "must be a number");
    }
  }
}
