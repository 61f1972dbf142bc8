package io.corridor.storage;

/** The time-partitioned tables; each is partitioned by day on {@code event_time}. */
public enum TimeSeriesTable {
  PLATE_READS("plate_reads"),
  POSITIONS("positions"),
  DRONE_TELEMETRY("drone_telemetry");

  private final String tableName;

  TimeSeriesTable(String tableName) {
    this.tableName = tableName;
  }

  /** SQL name of the parent table. */
  public String tableName() {
    return tableName;
  }
}
