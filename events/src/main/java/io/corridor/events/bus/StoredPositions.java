package io.corridor.events.bus;

import io.corridor.events.Position;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;

/**
 * The body of {@link BusAddresses#POSITIONS_STORED}: the positions one commit of this node's
 * positions writer newly stored, in the order written. Local only: the same list and the same
 * {@link Position} instances reach every consumer without a copy (the writer's commit groups hold
 * dozens to hundreds of positions, and a deep copy of each was most of the writer's work after its
 * commit), so consumers read them and never change them.
 *
 * @param positions the newly committed positions, unmodifiable, never empty
 */
public record StoredPositions(List<Position> positions) {

  /** Codec name used when registering and when selecting it for a message body. */
  public static final String CODEC = "corridor-stored-positions";

  /** Wraps an unmodifiable copy of {@code positions}. */
  public StoredPositions {
    positions = List.copyOf(positions);
  }

  /** Hands the same body to every local consumer; refuses to leave the node. */
  static final class Codec implements MessageCodec<StoredPositions, StoredPositions> {

    @Override
    public void encodeToWire(Buffer buffer, StoredPositions body) {
      throw new UnsupportedOperationException(BusAddresses.POSITIONS_STORED + " is published local only");
    }

    @Override
    public StoredPositions decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException(BusAddresses.POSITIONS_STORED + " is published local only");
    }

    @Override
    public StoredPositions transform(StoredPositions body) {
      return body; // immutable list; consumers must not change the records
    }

    @Override
    public String name() {
      return CODEC;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
