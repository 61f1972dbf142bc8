package io.corridor.tracking;

import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.outbox.ReadOutboxes;
import io.corridor.tracking.positions.PositionOutboxSink;
import io.corridor.tracking.shipments.TransitLock;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Gives the plate reads the cargo cross-check must judge a {@code cargo_outbox} row in the reads'
 * own transaction, like {@link PositionOutboxSink} does for positions, leased to this node: a read
 * whose blind index is the truck plate of a shipment in transit ({@code shipments.state =
 * 'released'}, the database being what every node agrees on at commit time; {@link TransitLock}
 * orders the look-up against releases). Nearly every read is no shipment's truck and gets no row:
 * the cost is the shared lock and one look-up per commit that sends the distinct blind indexes of
 * the new reads against the shipments in transit (almost always answered with nothing); only when
 * it finds a truck does a second statement write that truck's rows.
 */
public final class TruckReadOutbox implements ReadOutboxes.Outbox {

  // EXISTS over the unnested array: a hashed semi-join however few rows the planner expects from the
  // array ("= ANY (?)" and a plain join compared every shipment with every blind index: 8-20x slower
  // for 500 reads against 500 shipments in transit, docs/benchmarks.md)
  private static final String TRUCKS = "SELECT h.plate_hash FROM unnest(?::bytea[]) AS h(plate_hash) WHERE EXISTS"
      + " (SELECT 1 FROM shipments s WHERE s.truck_plate_hash = h.plate_hash AND s.state = 'released')";
  private static final String INSERT = "INSERT INTO " + PositionOutboxSink.TABLE
      + " (event_id, event_time, lease_owner, lease_until) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private final PlateProtector protector;
  private final String owner;
  private final Duration lease;
  private final Clock clock;

  /**
   * @param owner this node's name in the lease
   * @param lease how long this node has to judge what it stored before another node may
   */
  public TruckReadOutbox(PlateProtector protector, String owner, Duration lease, Clock clock) {
    this.protector = protector;
    this.owner = owner;
    this.lease = lease;
    this.clock = clock;
  }

  @Override
  public void write(Connection c, List<PlateRead> stored) throws SQLException {
    Map<ByteBuffer, List<PlateRead>> byPlate = new HashMap<>();
    for (PlateRead r : stored) {
      byPlate.computeIfAbsent(ByteBuffer.wrap(protector.hash(r.getPlate())), h -> new ArrayList<>(1)).add(r);
    }
    List<PlateRead> trucks = new ArrayList<>();
    TransitLock.shared(c); // a release committing meanwhile would otherwise miss this commit's reads of its truck
    try (PreparedStatement ps = c.prepareStatement(TRUCKS)) {
      ps.setArray(1, c.createArrayOf("bytea", byPlate.keySet().stream().map(ByteBuffer::array).toArray(byte[][]::new)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          trucks.addAll(byPlate.getOrDefault(ByteBuffer.wrap(rs.getBytes(1)), List.of()));
        }
      }
    }
    if (trucks.isEmpty()) {
      return; // nearly every commit
    }
    Timestamp until = Timestamp.from(clock.instant().plus(lease));
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (PlateRead r : trucks) {
        ps.setObject(1, UUID.fromString(r.getEventId()));
        ps.setTimestamp(2, Timestamp.from(r.getEventTime()));
        ps.setString(3, owner);
        ps.setTimestamp(4, until);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
