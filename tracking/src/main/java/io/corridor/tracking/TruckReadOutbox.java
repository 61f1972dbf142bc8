package io.corridor.tracking;

import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.outbox.ReadOutboxes;
import io.corridor.tracking.positions.PositionOutboxSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Gives the plate reads the cargo cross-check must judge a {@code cargo_outbox} row in the reads'
 * own transaction, like {@link PositionOutboxSink} does for positions, leased to this node: a read
 * whose blind index is the truck plate of a shipment in transit ({@code shipments.state =
 * 'released'}, the database being what every node agrees on at commit time). Nearly every read is
 * no shipment's truck and gets no row; the cost is one statement per commit that sends the reads'
 * keys and blind indexes and is answered from the partial index {@code shipments_truck_plate}.
 */
public final class TruckReadOutbox implements ReadOutboxes.Outbox {

  private static final String INSERT = "INSERT INTO " + PositionOutboxSink.TABLE
      + " (event_id, event_time, lease_owner, lease_until)"
      + " SELECT r.event_id, r.event_time, ?, ? FROM unnest(?::uuid[], ?::timestamptz[], ?::bytea[])"
      + " AS r(event_id, event_time, plate_hash)"
      + " WHERE EXISTS (SELECT 1 FROM shipments s WHERE s.truck_plate_hash = r.plate_hash AND s.state = 'released')"
      + " ON CONFLICT DO NOTHING";

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
    UUID[] ids = new UUID[stored.size()];
    Timestamp[] times = new Timestamp[stored.size()];
    byte[][] hashes = new byte[stored.size()][];
    for (int i = 0; i < stored.size(); i++) {
      PlateRead r = stored.get(i);
      ids[i] = UUID.fromString(r.getEventId());
      times[i] = Timestamp.from(r.getEventTime());
      hashes[i] = protector.hash(r.getPlate());
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, owner);
      ps.setTimestamp(2, Timestamp.from(clock.instant().plus(lease)));
      ps.setArray(3, c.createArrayOf("uuid", ids));
      ps.setArray(4, c.createArrayOf("timestamptz", times));
      ps.setArray(5, c.createArrayOf("bytea", hashes));
      ps.executeUpdate();
    }
  }
}
