package io.corridor.tracking.positions;

import io.corridor.events.Position;
import io.corridor.ingest.BatchSink;
import io.corridor.ingest.BinaryCopy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Wraps the positions sink so every commit that stores new positions also stores their cargo
 * outbox entry in the same transaction: one row in {@code cargo_outbox_groups} for the whole group
 * ({@link OutboxGroup}), listing the positions the positions sink reports new (a retry has its entry
 * already, or had it and was judged). The row is leased to this node from the start, so no other
 * node takes it while this node judges the group from memory; if this node dies, the lease runs out
 * and another node judges the group's positions from the table. One row per commit instead of one
 * per position: PostgreSQL's cost per fix was a heap tuple, two index entries, a deletion and its
 * vacuum (docs/benchmarks.md).
 */
public final class PositionOutboxSink implements BatchSink<Position> {

  /**
   * The outbox of single events: the plate reads of shipments' trucks ({@code TruckReadOutbox}),
   * and positions stored before the outbox had groups (V33), still claimed and judged.
   */
  public static final String TABLE = "cargo_outbox";

  private final BatchSink<Position> positions;
  private final String owner;
  private final Duration lease;
  private final Clock clock;

  /**
   * @param positions the sink writing the positions themselves
   * @param owner this node's name in the lease
   * @param lease how long this node has to judge what it stored before another node may
   */
  public PositionOutboxSink(BatchSink<Position> positions, String owner, Duration lease, Clock clock) {
    this.positions = positions;
    this.owner = owner;
    this.lease = lease;
    this.clock = clock;
  }

  @Override
  public List<Position> write(Connection c, List<Position> items) throws SQLException {
    List<Position> stored = positions.write(c, items);
    if (!stored.isEmpty()) {
      BinaryCopy.copyIn(c.unwrap(PGConnection.class), OutboxGroup.COPY,
          OutboxGroup.encode(stored, owner, clock.instant().plus(lease)));
    }
    return stored;
  }
}
