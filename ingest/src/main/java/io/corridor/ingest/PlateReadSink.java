package io.corridor.ingest;

import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.outbox.ReadOutboxes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Writes a group of plate reads in the caller's transaction. Fast path: one binary {@code COPY}
 * straight into {@code plate_reads}. COPY cannot skip duplicates, so when the group holds an id that
 * is already stored (an edge retry) the COPY fails on the primary key; the sink then rolls back to a
 * savepoint and takes the slow path: COPY into a session-local temporary staging table and one
 * {@code INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING event_id}, so retried ids are stored once
 * and the caller learns which reads are new.
 *
 * <p>Every newly stored read also gets its {@code rules_outbox} row in the same transaction (a
 * second, two-column binary COPY; on the slow path the rows the INSERT returned), so the rules
 * evaluate every committed read even when this node dies right after the commit. Then the other
 * modules' outboxes ({@link ReadOutboxes}, e.g. the cargo cross-check's) write their rows for the
 * same new reads, in the same transaction.
 */
public final class PlateReadSink implements BatchSink<PlateRead> {

  private static final String STAGE = "plate_reads_stage";
  private static final String CREATE_STAGE = "CREATE TEMP TABLE IF NOT EXISTS " + STAGE
      + " (LIKE plate_reads INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COPY_DIRECT = "COPY plate_reads (" + PlateReadCopyEncoder.COLUMNS + ") FROM STDIN (FORMAT binary)";
  private static final String COPY = "COPY " + STAGE + " (" + PlateReadCopyEncoder.COLUMNS + ") FROM STDIN (FORMAT binary)";
  private static final String COPY_OUTBOX = "COPY rules_outbox (" + PlateReadCopyEncoder.OUTBOX_COLUMNS
      + ") FROM STDIN (FORMAT binary)";
  private static final String MOVE = "WITH moved AS (INSERT INTO plate_reads (" + PlateReadCopyEncoder.COLUMNS
      + ") SELECT " + PlateReadCopyEncoder.COLUMNS + " FROM " + STAGE
      + " ON CONFLICT DO NOTHING RETURNING event_id, event_time), outbox AS (INSERT INTO rules_outbox ("
      + PlateReadCopyEncoder.OUTBOX_COLUMNS + ") SELECT event_id, event_time FROM moved) SELECT event_id FROM moved";

  private final PlateProtector protector;
  private final ReadOutboxes outboxes;

  /** Protects plates with {@code protector}; writes no outbox beside the rules'. */
  public PlateReadSink(PlateProtector protector) {
    this(protector, new ReadOutboxes());
  }

  /** Protects plates with {@code protector} and writes {@code outboxes} with every commit of new reads. */
  public PlateReadSink(PlateProtector protector, ReadOutboxes outboxes) {
    this.protector = protector;
    this.outboxes = outboxes;
  }

  @Override
  public List<PlateRead> write(Connection c, List<PlateRead> reads) throws SQLException {
    List<PlateRead> stored = writeReads(c, reads);
    outboxes.write(c, stored);
    return stored;
  }

  private List<PlateRead> writeReads(Connection c, List<PlateRead> reads) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    byte[] payload = PlateReadCopyEncoder.encode(reads, protector);
    Savepoint beforeCopy = c.setSavepoint();
    try {
      BinaryCopy.copyIn(pg, COPY_DIRECT, payload);
      BinaryCopy.copyIn(pg, COPY_OUTBOX, PlateReadCopyEncoder.encodeOutbox(reads));
      c.releaseSavepoint(beforeCopy);
      return reads;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(beforeCopy);
    }
    return writeSkippingDuplicates(c, pg, payload, reads);
  }

  private List<PlateRead> writeSkippingDuplicates(Connection c, PGConnection pg, byte[] payload, List<PlateRead> reads)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      // Every time: the table may have been created in a transaction that was rolled back.
      st.execute(CREATE_STAGE);
      BinaryCopy.copyIn(pg, COPY, payload);
      return BinaryCopy.stored(st, MOVE, reads, PlateRead::getEventId);
    }
  }
}
