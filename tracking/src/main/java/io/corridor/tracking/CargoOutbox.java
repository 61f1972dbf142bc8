package io.corridor.tracking;

import io.corridor.events.GeoPoint;
import io.corridor.events.PlateRead;
import io.corridor.events.Position;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.outbox.LeasedOutbox;
import io.corridor.tracking.positions.PositionOutboxSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the {@code cargo_outbox}, which holds positions and the plate reads of shipments' trucks
 * ({@link TruckReadOutbox}): the positions this node stored are judged from memory at once
 * and their rows, leased to this node from the commit, deleted once judged ({@link #completed});
 * rows whose lease ran out (their node died, or could not judge them) are claimed by any node
 * ({@link #runOnce}), their positions read back and judged, and the rows deleted only after the
 * judgement and its alert rows are stored. A node dying anywhere in between leaves the rows to be
 * claimed again; a fix or read judged twice changes nothing, and alert ids are deterministic.
 * Blocking.
 */
public final class CargoOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(CargoOutbox.class);
  private static final LeasedOutbox TABLE = new LeasedOutbox(PositionOutboxSink.TABLE, "true",
      "c.event_id, c.event_time, p.device_id, p.lat, p.lon, p.speed_kmh, p.temperature_c, p.seal_closed, p.battery_pct,"
          + " p.sensors::text, p.alarms, p.flags, r.device_id, r.plate_ct, r.lat, r.lon, r.confidence",
      "LEFT JOIN positions p ON p.event_id = c.event_id AND p.event_time = c.event_time"
          + " LEFT JOIN plate_reads r ON r.event_id = c.event_id AND r.event_time = c.event_time");

  private final DataSource dataSource;
  private final Function<Position, CompletableFuture<Void>> judge;
  private final Function<PlateRead, CompletableFuture<Boolean>> judgeRead;
  private final PlateProtector protector;
  private final CargoOutboxOptions options;
  private final String owner;
  private final Clock clock;
  private final ConcurrentLinkedQueue<LeasedOutbox.Key> judged = new ConcurrentLinkedQueue<>();
  private final AtomicLong depth = new AtomicLong();
  private final Counter claimed;
  private final Counter reclaimed;

  /**
   * A consumer of positions only (it leaves plate reads' rows to a consumer that judges them).
   *
   * @param judge judges one position; completes once it and its alerts are stored (see {@link CargoPipeline#judge})
   * @param owner this node's name in leases
   */
  public CargoOutbox(DataSource dataSource, Function<Position, CompletableFuture<Void>> judge, CargoOutboxOptions options,
      String owner, Clock clock, MeterRegistry metrics) {
    this(dataSource, judge, r -> CompletableFuture.failedFuture(new IllegalStateException("plate reads not judged here")),
        null, options, owner, clock, metrics);
  }

  /**
   * @param judge judges one position; completes once it and its alerts are stored (see {@link CargoPipeline#judge})
   * @param judgeRead judges one plate read; completes with whether it was a shipment's truck plate once it and its
   *     alerts are stored (see {@link CargoPipeline#judgeRead})
   * @param protector decrypts the plates of claimed reads
   * @param owner this node's name in leases
   */
  public CargoOutbox(DataSource dataSource, Function<Position, CompletableFuture<Void>> judge,
      Function<PlateRead, CompletableFuture<Boolean>> judgeRead, PlateProtector protector, CargoOutboxOptions options,
      String owner, Clock clock, MeterRegistry metrics) {
    this.dataSource = dataSource;
    this.judge = judge;
    this.judgeRead = judgeRead;
    this.protector = protector;
    this.options = options;
    this.owner = owner;
    this.clock = clock;
    this.claimed = Counter.builder("corridor_cargo_outbox_claimed_total")
        .description("Cargo outbox rows claimed from the table (positions not judged by the node that stored them)")
        .register(metrics);
    this.reclaimed = Counter.builder("corridor_cargo_outbox_reclaimed_total")
        .description("Cargo outbox rows claimed again after an earlier claim's lease ran out").register(metrics);
    Gauge.builder("corridor_cargo_outbox_depth", depth, AtomicLong::get)
        .description("Rows in the cargo outbox at the last poll: committed positions and truck plate reads not yet judged")
        .register(metrics);
  }

  /** Judges a position this node stored, from memory; its row is deleted with the next flush once judged. */
  public CompletableFuture<Void> local(Position p) {
    return judge.apply(p).thenRun(() -> judged.add(new LeasedOutbox.Key(UUID.fromString(p.getEventId()), p.getEventTime())));
  }

  /**
   * Judges a plate read this node stored, from memory; when it was a shipment's truck plate (the
   * reads that have a row, {@link TruckReadOutbox}) its row is deleted with the next flush.
   */
  public CompletableFuture<Void> local(PlateRead r) {
    return judgeRead.apply(r).thenAccept(truck -> {
      if (truck) {
        judged.add(new LeasedOutbox.Key(UUID.fromString(r.getEventId()), r.getEventTime()));
      }
    });
  }

  /**
   * Claims one batch of rows no live node holds, judges their positions and plate reads and deletes the rows that
   * were judged.
   *
   * @return how many rows were claimed (0: nothing to do now)
   */
  public int runOnce() throws SQLException {
    List<LeasedOutbox.Claim<Row>> batch;
    try (Connection c = dataSource.getConnection()) {
      batch = TABLE.claim(c, owner, options.batch(), options.lease(), clock.instant(), this::row);
    }
    if (batch.isEmpty()) {
      return 0;
    }
    claimed.increment(batch.size());
    reclaimed.increment(batch.stream().filter(claim -> claim.attempts() > 1).count());
    List<CompletableFuture<Void>> pending = new ArrayList<>(batch.size());
    for (LeasedOutbox.Claim<Row> claim : batch) {
      Row row = claim.row();
      pending.add(row.position() != null ? judge.apply(row.position()) // in event-time order
          : row.read() != null ? judgeRead.apply(row.read()).thenApply(truck -> null)
          : CompletableFuture.completedFuture(null));
    }
    long deadline = System.nanoTime() + options.lease().toNanos();
    List<LeasedOutbox.Key> done = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      try {
        pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        done.add(batch.get(i).row().key());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        LOG.warn("cargo outbox: event {} not judged; claimed again after the lease ({}): {}", batch.get(i).row().key(),
            options.lease(), e.toString());
      }
    }
    delete(done);
    return batch.size();
  }

  /** Deletes the rows of positions judged from memory since the last flush. */
  public void flush() throws SQLException {
    List<LeasedOutbox.Key> keys = new ArrayList<>();
    for (LeasedOutbox.Key k; keys.size() < 5_000 && (k = judged.poll()) != null; ) {
      keys.add(k);
    }
    try {
      delete(keys);
    } catch (SQLException e) {
      judged.addAll(keys); // deleted with the next flush; at worst judged again after the lease
      throw e;
    }
  }

  /** Counts the rows in the outbox for {@code corridor_cargo_outbox_depth}. */
  public long refreshDepth() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      depth.set(TABLE.depth(c));
      return depth.get();
    }
  }

  private void delete(List<LeasedOutbox.Key> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      TABLE.delete(c, keys);
    }
  }

  /** A claimed row: its key and its position or plate read, both null when the event is gone (retention). */
  private record Row(LeasedOutbox.Key key, Position position, PlateRead read) {}

  private Row row(ResultSet rs) throws SQLException {
    LeasedOutbox.Key key = new LeasedOutbox.Key(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
    if (rs.getString(3) == null) {
      if (rs.getString(13) != null && protector == null) {
        throw new IllegalStateException("plate read " + key + " claimed by a consumer of positions only");
      }
      return new Row(key, null, rs.getString(13) == null ? null : read(key, rs));
    }
    Map<String, Object> sensors = new HashMap<>();
    String json = rs.getString(10);
    if (json != null) {
      new JsonObject(json).forEach(e -> sensors.put(e.getKey(), e.getValue() instanceof Number n ? n.doubleValue() : e.getValue()));
    }
    Position p = Position.newBuilder()
        .setEventId(key.eventId().toString())
        .setDeviceId(rs.getString(3))
        .setEventTime(key.eventTime())
        .setLocation(new GeoPoint(rs.getDouble(4), rs.getDouble(5)))
        .setSpeedKmh(rs.getObject(6, Float.class))
        .setTemperatureC(rs.getObject(7, Float.class))
        .setSealClosed(rs.getObject(8, Boolean.class))
        .setBatteryPct(rs.getObject(9, Float.class))
        .setSensors(sensors)
        .setAlarms(strings(rs.getArray(11)))
        .setFlags(strings(rs.getArray(12)))
        .build();
    return new Row(key, p, null);
  }

  /** The claimed read as the cargo cross-check needs it: camera, time, place when it has one, plate. */
  private PlateRead read(LeasedOutbox.Key key, ResultSet rs) throws SQLException {
    Object lat = rs.getObject(15);
    return PlateRead.newBuilder()
        .setEventId(key.eventId().toString())
        .setDeviceId(rs.getString(13))
        .setEventTime(key.eventTime())
        .setPlate(protector.decrypt(rs.getBytes(14)))
        .setLocation(lat == null ? null : new GeoPoint(((Number) lat).doubleValue(), rs.getDouble(16)))
        .setConfidence(rs.getFloat(17))
        .build();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }
}
