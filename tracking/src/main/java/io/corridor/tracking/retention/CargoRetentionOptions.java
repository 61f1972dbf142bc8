package io.corridor.tracking.retention;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.List;

/** How long the cargo data of ended (closed or cancelled) shipments is kept; see docs/data-protection.md. */
public final class CargoRetentionOptions {

  /** Declarations and transitions. */
  public static final ConfigKey SHIPMENTS = new ConfigKey("tracking.retention.shipments", "1096d",
      "How long a closed or cancelled shipment's declaration and transitions are kept after it ended (customs record: EU Union Customs Code Art. 51, at least 3 years)");
  /** Cargo alerts. */
  public static final ConfigKey ALERTS = new ConfigKey("tracking.retention.cargo-alerts", "1096d",
      "How long the cargo alerts of a closed or cancelled shipment are kept after it ended (part of the customs record; at most tracking.retention.shipments)");
  /** Positions of ended shipments. */
  public static final ConfigKey POSITIONS = new ConfigKey("tracking.retention.ended-shipment-positions", "30d",
      "How long the positions of a closed or cancelled shipment's trackers during its journey are kept after it ended (the driver's whereabouts; retention.positions still bounds every position)");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(SHIPMENTS, ALERTS, POSITIONS);

  private final Duration shipments;
  private final Duration alerts;
  private final Duration positions;

  /** Reads and validates the keys. */
  public CargoRetentionOptions(Settings s) {
    shipments = s.getDuration(SHIPMENTS);
    alerts = s.getDuration(ALERTS);
    positions = s.getDuration(POSITIONS);
    if (alerts.compareTo(shipments) > 0) {
      // an alert references its shipment: the declaration cannot go before its alerts
      throw new ConfigException(ALERTS, s.get(ALERTS), "must not exceed " + SHIPMENTS.name() + " (" + shipments + ")");
    }
    if (positions.compareTo(shipments) > 0) {
      // the positions are found through the declaration (trackers, journey times)
      throw new ConfigException(POSITIONS, s.get(POSITIONS), "must not exceed " + SHIPMENTS.name() + " (" + shipments + ")");
    }
  }

  public Duration shipments() { return shipments; }

  public Duration alerts() { return alerts; }

  public Duration positions() { return positions; }
}
