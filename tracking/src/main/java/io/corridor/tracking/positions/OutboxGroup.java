package io.corridor.tracking.positions;

import io.corridor.events.Position;
import io.corridor.ingest.CopyPayload;
import io.corridor.storage.outbox.LeasedOutbox;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One committed group of positions in {@code cargo_outbox_groups}: its name and its row. A group is
 * named by its earliest position's key (the earliest event time, the first such in commit order):
 * every position is stored in exactly one group, so the name is unique, and the node that stored
 * the group derives it again from the positions the commit published, without a look-up. Its row
 * lists the keys of all its positions as a {@code uuid[]} and a {@code timestamptz[]}, encoded
 * here in PostgreSQL's binary array format, so the server parses nothing per position.
 */
public final class OutboxGroup {

  /** The table. */
  public static final String TABLE = "cargo_outbox_groups";
  static final String COPY = "COPY " + TABLE + " (event_id, event_time, lease_owner, lease_until, event_ids, event_times)"
      + " FROM STDIN (FORMAT binary)";
  private static final int UUID_OID = 2950;
  private static final int TIMESTAMPTZ_OID = 1184;
  private static final long PG_EPOCH_SECONDS = 946_684_800L;

  private OutboxGroup() {}

  /** The name of the group {@code stored} (one commit's newly stored positions, never empty). */
  public static LeasedOutbox.Key key(List<Position> stored) {
    Position first = stored.getFirst();
    for (Position p : stored) {
      if (p.getEventTime().isBefore(first.getEventTime())) {
        first = p;
      }
    }
    return new LeasedOutbox.Key(UUID.fromString(first.getEventId()), first.getEventTime());
  }

  /** The binary COPY payload of the group's one row, leased to {@code owner} until {@code until}. */
  static byte[] encode(List<Position> stored, String owner, Instant until) {
    LeasedOutbox.Key key = key(stored);
    CopyPayload copy = new CopyPayload(1, 96 + 28 * stored.size() + 12 * stored.size());
    copy.row(6).uuid(key.eventId().toString()).timestamp(key.eventTime()).text(owner).timestamp(until)
        .bytea(ids(stored)).bytea(times(stored));
    return copy.finish();
  }

  /** A one-dimensional {@code uuid[]} of the positions' ids (a binary COPY field's contents). */
  private static byte[] ids(List<Position> stored) {
    ByteBuffer b = header(stored.size(), UUID_OID, 20);
    for (Position p : stored) {
      UUID id = UUID.fromString(p.getEventId());
      b.putInt(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }
    return b.array();
  }

  /** A one-dimensional {@code timestamptz[]} of the positions' event times, in the same order. */
  private static byte[] times(List<Position> stored) {
    ByteBuffer b = header(stored.size(), TIMESTAMPTZ_OID, 12);
    for (Position p : stored) {
      Instant at = p.getEventTime();
      b.putInt(8).putLong((at.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + at.getNano() / 1_000);
    }
    return b.array();
  }

  private static ByteBuffer header(int elements, int oid, int elementBytes) {
    // dimensions, has-nulls flag, element type, then per dimension its length and lower bound
    return ByteBuffer.allocate(20 + elements * elementBytes).putInt(1).putInt(0).putInt(oid).putInt(elements).putInt(1);
  }
}
