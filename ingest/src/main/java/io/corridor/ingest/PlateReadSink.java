package io.corridor.ingest;

import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
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
 * evaluate every committed read even when this node dies right after the commit.
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

  /** Protects plates with {@code protector}. */
  public PlateReadSink(PlateProtector protector) {
    this.protector = protector;
  }

  @Override
  public List<PlateRead> write(Connection c, List<PlateRead> reads) throws SQLException {
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
