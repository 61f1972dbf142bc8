package io.corridor.storage;

import java.time.Duration;

/** How long each time-series table keeps its rows. */
public record RetentionPolicy(Duration plateReads, Duration positions, Duration droneTelemetry) {

  /** Retention of {@code table}. */
  public Duration of(TimeSeriesTable table) {
    return switch (table) {
      case PLATE_READS -> plateReads;
      case POSITIONS -> positions;
      case DRONE_TELEMETRY -> droneTelemetry;
    };
  }
}
