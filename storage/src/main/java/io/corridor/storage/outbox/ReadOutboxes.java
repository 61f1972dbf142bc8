package io.corridor.storage.outbox;

import io.corridor.events.PlateRead;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The outbox rows other modules commit beside each group of newly stored plate reads, in the
 * reads' own transaction (after the rules outbox, which ingest writes itself): a module that must
 * judge some reads even when the node that stored them dies adds its {@link Outbox} while it is
 * wired, before the node takes reads. The cargo cross-check adds one that writes a row only for a
 * read of a shipment's truck. Thread-safe.
 */
public final class ReadOutboxes {

  /** Writes one module's outbox rows for reads just stored, in the caller's transaction. */
  @FunctionalInterface
  public interface Outbox {
    /**
     * @param stored the reads this transaction newly stores (retries left out), never empty
     */
    void write(Connection c, List<PlateRead> stored) throws SQLException;
  }

  private final List<Outbox> outboxes = new CopyOnWriteArrayList<>();

  /** Adds an outbox; it is written with every later commit of reads. */
  public void add(Outbox outbox) {
    outboxes.add(outbox);
  }

  /** Writes every added outbox's rows for {@code stored} in {@code c}'s transaction. */
  public void write(Connection c, List<PlateRead> stored) throws SQLException {
    if (stored.isEmpty()) {
      return;
    }
    for (Outbox outbox : outboxes) {
      outbox.write(c, stored);
    }
  }
}
