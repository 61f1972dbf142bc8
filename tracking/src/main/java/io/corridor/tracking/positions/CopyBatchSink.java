package io.corridor.tracking.positions;

import io.corridor.ingest.BatchSink;
import io.corridor.ingest.BinaryCopy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import org.postgresql.PGConnection;

/**
 * Writes a group of events into one time-series table in the caller's transaction, the way
 * ingest's {@code PlateReadSink} writes reads. Fast path: one binary {@code COPY} straight into the
 * table. COPY cannot skip duplicates, so when the group holds an id already stored (a retry) the
 * COPY fails on the primary key; the sink then rolls back to a savepoint, COPYs into a session-local
 * staging table and moves the rows with {@code INSERT … ON CONFLICT DO NOTHING RETURNING event_id},
 * so a retried event is stored once and the caller learns which events are new.
 *
 * @param <T> the event type
 */
public final class CopyBatchSink<T> implements BatchSink<T> {

  private static final String UNIQUE_VIOLATION = "23505";

  private final String copyDirect;
  private final String createStage;
  private final String copyStage;
  private final String move;
  private final Function<List<T>, byte[]> encoder;
  private final Function<T, String> eventId;

  /**
   * @param table the target table
   * @param columns its columns in payload order
   * @param encoder the binary COPY payload of a group
   * @param eventId the event's id (the table's {@code event_id})
   */
  public CopyBatchSink(String table, String columns, Function<List<T>, byte[]> encoder, Function<T, String> eventId) {
    String stage = table + "_stage";
    this.copyDirect = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)";
    this.createStage = "CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + table
        + " INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";
    this.copyStage = "COPY " + stage + " (" + columns + ") FROM STDIN (FORMAT binary)";
    this.move = "INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + stage
        + " ON CONFLICT DO NOTHING RETURNING event_id";
    this.encoder = encoder;
    this.eventId = eventId;
  }

  @Override
  public List<T> write(Connection c, List<T> items) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    byte[] payload = encoder.apply(items);
    Savepoint beforeCopy = c.setSavepoint();
    try {
      BinaryCopy.copyIn(pg, copyDirect, payload);
      c.releaseSavepoint(beforeCopy);
      return items;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(beforeCopy);
    }
    try (Statement st = c.createStatement()) {
      // Every time: the table may have been created in a transaction that was rolled back.
      st.execute(createStage);
      BinaryCopy.copyIn(pg, copyStage, payload);
      return BinaryCopy.stored(st, move, items, eventId);
    }
  }
}
