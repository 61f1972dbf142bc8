package io.corridor.tracking.positions;

import io.corridor.events.Position;
import io.corridor.ingest.BatchSink;
import io.corridor.ingest.BinaryCopy;
import io.corridor.ingest.CopyPayload;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Wraps the positions sink so every newly stored position also gets its {@code cargo_outbox} row
 * in the same transaction: a second, four-column binary COPY of the rows the positions sink
 * reports new (a retry has its row already, or had it and was judged). Each row is leased to this
 * node from the start, so no other node takes it while this node judges it from memory; if this
 * node dies, the lease runs out and another node judges the position from the table.
 */
public final class PositionOutboxSink implements BatchSink<Position> {

  /** The outbox table. */
  public static final String TABLE = "cargo_outbox";
  private static final String COPY = "COPY " + TABLE + " (event_id, event_time, lease_owner, lease_until)"
      + " FROM STDIN (FORMAT binary)";

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
      BinaryCopy.copyIn(c.unwrap(PGConnection.class), COPY, encode(stored, owner, clock.instant().plus(lease)));
    }
    return stored;
  }

  static byte[] encode(List<Position> stored, String owner, Instant until) {
    CopyPayload copy = new CopyPayload(stored.size(), 64);
    for (Position p : stored) {
      copy.row(4).uuid(p.getEventId()).timestamp(p.getEventTime()).text(owner).timestamp(until);
    }
    return copy.finish();
  }
}
