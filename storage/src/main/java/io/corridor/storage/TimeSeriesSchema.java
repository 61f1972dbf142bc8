package io.corridor.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * DDL of the time-series tables. Plate text never appears in clear: {@code plate_hash} is a keyed
 * HMAC for exact look-up under warrant, {@code plate_ct} the AES-GCM ciphertext.
 * Primary keys include {@code event_time} because partitioned tables and hypertables require the
 * partition column in every unique constraint; an edge retry repeats both id and time.
 */
public final class TimeSeriesSchema {

  private static final Map<TimeSeriesTable, String> COLUMNS = Map.of(
      TimeSeriesTable.PLATE_READS, """
          event_id      uuid NOT NULL,
          device_id     text NOT NULL,
          event_time    timestamptz NOT NULL,
          received_time timestamptz NOT NULL,
          plate_hash    bytea NOT NULL,
          plate_ct      bytea NOT NULL,
          country       text,
          confidence    real NOT NULL,
          lat           double precision,
          lon           double precision,
          lane          smallint,
          speed_kmh     real,
          frame_ids     text[],
          PRIMARY KEY (event_id, event_time)""",
      TimeSeriesTable.POSITIONS, """
          event_id      uuid NOT NULL,
          device_id     text NOT NULL,
          shipment_id   text,
          event_time    timestamptz NOT NULL,
          received_time timestamptz NOT NULL,
          lat           double precision NOT NULL,
          lon           double precision NOT NULL,
          speed_kmh     real,
          heading_deg   real,
          temperature_c real,
          seal_closed   boolean,
          PRIMARY KEY (event_id, event_time)""",
      TimeSeriesTable.DRONE_TELEMETRY, """
          event_id      uuid NOT NULL,
          device_id     text NOT NULL,
          event_time    timestamptz NOT NULL,
          received_time timestamptz NOT NULL,
          lat           double precision NOT NULL,
          lon           double precision NOT NULL,
          altitude_m    real NOT NULL,
          heading_deg   real,
          battery_pct   real,
          detections    jsonb,
          PRIMARY KEY (event_id, event_time)""");

  private static final Map<TimeSeriesTable, String> INDEXES = Map.of(
      TimeSeriesTable.PLATE_READS, "CREATE INDEX plate_reads_hash_time ON plate_reads (plate_hash, event_time)",
      TimeSeriesTable.POSITIONS, "CREATE INDEX positions_shipment_time ON positions (shipment_id, event_time)",
      TimeSeriesTable.DRONE_TELEMETRY, "CREATE INDEX drone_telemetry_device_time ON drone_telemetry (device_id, event_time)");

  private TimeSeriesSchema() {}

  /** Creates every time-series table, as hypertables when {@code timescaleAllowed} and available. */
  public static void create(Connection connection, boolean timescaleAllowed) throws SQLException {
    boolean timescale = timescaleAllowed && timescaleAvailable(connection);
    try (Statement st = connection.createStatement()) {
      if (timescale) {
        st.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
      }
      for (TimeSeriesTable table : TimeSeriesTable.values()) {
        String name = table.tableName();
        if (timescale) {
          st.execute("CREATE TABLE " + name + " (" + COLUMNS.get(table) + ")");
          st.execute("SELECT create_hypertable('" + name + "', 'event_time', chunk_time_interval => interval '1 day')");
        } else {
          st.execute("CREATE TABLE " + name + " (" + COLUMNS.get(table) + ") PARTITION BY RANGE (event_time)");
        }
        st.execute(INDEXES.get(table));
      }
    }
  }

  /** Whether the server offers the timescaledb extension (installed or installable). */
  public static boolean timescaleAvailable(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  /** Whether the time-series tables of this database are hypertables. */
  public static boolean usesTimescale(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }
}
