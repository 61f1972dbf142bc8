package io.corridor.api.queries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;

/**
 * The analysts' read queries, in SQL over the daily partitions of {@code plate_reads}: by blind
 * index ({@code plate_reads_hash_time}), by camera ({@code plate_reads_device_time}), by area
 * (the cameras inside it and the devices that report their own position, through the camera index;
 * exact polygon test by the caller) and convoys. Pages are ordered by
 * (event time, id) and continue after a {@link Cursor}. Plates stay ciphertext here. Blocking.
 */
public final class ReadQueries {

  /** One stored read, plate still encrypted. */
  public record Row(UUID id, String deviceId, Instant eventTime, byte[] plateCt, String country, float confidence,
      Double lat, Double lon, Integer lane, Float speedKmh) {}

  /** A plate seen near the target: its reads and on how many distinct cameras. */
  public record Companion(byte[] plateCt, int cameras, Instant first, Instant last, List<String> readIds) {}

  private static final String COLUMNS =
      "r.event_id, r.device_id, r.event_time, r.plate_ct, r.country, r.confidence, r.lat, r.lon, r.lane, r.speed_kmh";
  private static final String PAGE = " AND r.event_time >= ? AND r.event_time < ? AND (r.event_time, r.event_id) > (?, ?)"
      + " ORDER BY r.event_time, r.event_id LIMIT ?";

  private final DataSource dataSource;

  /** Reads through {@code dataSource}. */
  public ReadQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Reads of the plate with blind index {@code hash} in [from, to) after {@code after}. */
  public List<Row> plateHistory(byte[] hash, Instant from, Instant to, Cursor after, int limit) throws SQLException {
    try (Connection c = generic(dataSource.getConnection());
        PreparedStatement ps = prepared(c, "SELECT " + COLUMNS + " FROM plate_reads r WHERE r.plate_hash = ?" + PAGE)) {
      ps.setBytes(1, hash);
      page(ps, 2, from, to, after, limit);
      return done(c, rows(ps));
    }
  }

  /** Reads at any of {@code cameras} in [from, to) after {@code after}. */
  public List<Row> atCameras(Collection<String> cameras, Instant from, Instant to, Cursor after, int limit)
      throws SQLException {
    try (Connection c = generic(dataSource.getConnection());
        PreparedStatement ps = prepared(c, "SELECT " + COLUMNS + " FROM plate_reads r WHERE r.device_id = ANY (?)" + PAGE)) {
      ps.setArray(1, c.createArrayOf("text", cameras.toArray()));
      page(ps, 2, from, to, after, limit);
      return done(c, rows(ps));
    }
  }

  /**
   * Reads that may lie inside an area, found through the camera/time index: reads without a
   * position of their own taken by one of {@code fixedInside} (devices whose registered location
   * is inside the area), and reads with their own position inside {@code box} taken by one of
   * {@code fixedInside} or {@code mobile} (devices that report where they are: drones, devices
   * without a registered location). The caller tests the exact polygon on reads' own positions.
   */
  public List<Row> inArea(Collection<String> fixedInside, Collection<String> mobile, Envelope box, Instant from,
      Instant to, Cursor after, int limit) throws SQLException {
    java.util.Set<String> devices = new java.util.LinkedHashSet<>(fixedInside);
    devices.addAll(mobile);
    if (devices.isEmpty()) {
      return List.of();
    }
    try (Connection c = generic(dataSource.getConnection());
        PreparedStatement ps = prepared(c, "SELECT " + COLUMNS + " FROM plate_reads r WHERE r.device_id = ANY (?) AND "
            + "((r.lat IS NULL AND r.device_id = ANY (?)) OR (r.lat BETWEEN ? AND ? AND r.lon BETWEEN ? AND ?))" + PAGE)) {
      ps.setArray(1, c.createArrayOf("text", devices.toArray()));
      ps.setArray(2, c.createArrayOf("text", fixedInside.toArray()));
      ps.setDouble(3, box.getMinY());
      ps.setDouble(4, box.getMaxY());
      ps.setDouble(5, box.getMinX());
      ps.setDouble(6, box.getMaxX());
      page(ps, 7, from, to, after, limit);
      return done(c, rows(ps));
    }
  }

  /** Devices whose reads carry their own position: drones, and devices without a registered location. */
  public List<String> mobileDevices() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT device_id FROM devices WHERE kind = 'drone' OR lat IS NULL OR lon IS NULL ORDER BY device_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** Registered positions ({@code [lon, lat]}) of devices, all or only {@code ids} when not null. */
  public Map<String, double[]> deviceLocations(Collection<String> ids) throws SQLException {
    Map<String, double[]> result = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT device_id, lon, lat FROM devices WHERE lat IS NOT NULL AND lon IS NOT NULL AND (?::text[] IS NULL OR device_id = ANY (?))")) {
      java.sql.Array array = ids == null ? null : c.createArrayOf("text", ids.toArray());
      ps.setArray(1, array);
      ps.setArray(2, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
        }
      }
    }
    return result;
  }

  /**
   * Plates seen within {@code delta} of a read of the target at the same camera, at no fewer than
   * {@code minCameras} distinct cameras, all reads in [from, to); most cameras first.
   */
  public List<Companion> convoy(byte[] target, Instant from, Instant to, Duration delta, int minCameras, int offset,
      int limit) throws SQLException {
    List<Companion> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("""
            WITH target AS (
              SELECT device_id, event_time FROM plate_reads
               WHERE plate_hash = ? AND event_time >= ? AND event_time < ? ORDER BY event_time LIMIT 10000)
            SELECT (array_agg(r.plate_ct))[1], count(DISTINCT r.device_id), min(r.event_time), max(r.event_time),
                   array_agg(DISTINCT r.event_id::text)
              FROM target t JOIN plate_reads r ON r.device_id = t.device_id
                   AND r.event_time BETWEEN t.event_time - make_interval(secs => ?) AND t.event_time + make_interval(secs => ?)
             WHERE r.plate_hash <> ? AND r.event_time >= ? AND r.event_time < ?
             GROUP BY r.plate_hash HAVING count(DISTINCT r.device_id) >= ?
             ORDER BY count(DISTINCT r.device_id) DESC, min(r.event_time), r.plate_hash
             LIMIT ? OFFSET ?""")) {
      ps.setBytes(1, target);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setTimestamp(3, Timestamp.from(to));
      ps.setDouble(4, delta.toMillis() / 1000.0);
      ps.setDouble(5, delta.toMillis() / 1000.0);
      ps.setBytes(6, target);
      ps.setTimestamp(7, Timestamp.from(from));
      ps.setTimestamp(8, Timestamp.from(to));
      ps.setInt(9, minCameras);
      ps.setInt(10, limit);
      ps.setInt(11, offset);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new Companion(rs.getBytes(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
              rs.getTimestamp(4).toInstant(), List.of((String[]) rs.getArray(5).getArray())));
        }
      }
    }
    return result;
  }

  /**
   * Opens a transaction in which statements use generic plans. Planning a query over every daily
   * partition of a 90-day window costs far more than running it (about 14 ms against 1.4 ms
   * measured by bench queries); a generic plan is made once per connection and statement and
   * prunes partitions when it runs.
   */
  private static Connection generic(Connection c) throws SQLException {
    try {
      c.setAutoCommit(false);
      try (java.sql.Statement st = c.createStatement()) {
        st.execute("SET LOCAL plan_cache_mode = force_generic_plan");
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** A statement prepared on the server at its first use, so its generic plan is reused. */
  private static PreparedStatement prepared(Connection c, String sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
    return ps;
  }

  private static <T> T done(Connection c, T result) throws SQLException {
    c.commit();
    return result;
  }

  private static void page(PreparedStatement ps, int first, Instant from, Instant to, Cursor after, int limit)
      throws SQLException {
    ps.setTimestamp(first, Timestamp.from(from));
    ps.setTimestamp(first + 1, Timestamp.from(to));
    ps.setTimestamp(first + 2, Timestamp.from(after.time()));
    ps.setObject(first + 3, after.id());
    ps.setInt(first + 4, limit);
  }

  private static List<Row> rows(PreparedStatement ps) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBytes(4),
            rs.getString(5), rs.getFloat(6), (Double) rs.getObject(7), (Double) rs.getObject(8),
            rs.getObject(9) == null ? null : rs.getInt(9), rs.getObject(10) == null ? null : rs.getFloat(10)));
      }
    }
    return rows;
  }
}
