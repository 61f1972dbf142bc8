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
 * so a retried event is stored once and the caller learns which events are new. A sink that is
 * always the first statement of its transaction ({@link #first}) takes no savepoint: on a retry it
 * rolls the whole transaction back, which held nothing else, so the common case (no retry) costs
 * PostgreSQL no subtransaction and the connection two round trips fewer per commit.
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
  private final boolean first;

  /**
   * @param table the target table
   * @param columns its columns in payload order
   * @param encoder the binary COPY payload of a group
   * @param eventId the event's id (the table's {@code event_id})
   */
  public CopyBatchSink(String table, String columns, Function<List<T>, byte[]> encoder, Function<T, String> eventId) {
    this(table, columns, encoder, eventId, false);
  }

  /**
   * A sink whose {@link #write} is always the first statement of its transaction (as in a
   * {@code GroupCommitWriter}, or first in a wrapping sink): a retry rolls that transaction back
   * instead of to a savepoint. Writing anything before it in the same transaction would lose it.
   */
  public static <T> CopyBatchSink<T> first(String table, String columns, Function<List<T>, byte[]> encoder,
      Function<T, String> eventId) {
    return new CopyBatchSink<>(table, columns, encoder, eventId, true);
  }

  private CopyBatchSink(String table, String columns, Function<List<T>, byte[]> encoder, Function<T, String> eventId,
      boolean first) {
    this.first = first;
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
    Savepoint beforeCopy = first ? null : c.setSavepoint();
    try {
      BinaryCopy.copyIn(pg, copyDirect, payload);
      if (beforeCopy != null) {
        c.releaseSavepoint(beforeCopy);
      }
      return items;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      if (beforeCopy == null) {
        c.rollback(); // the transaction held this COPY only
      } else {
        c.rollback(beforeCopy);
      }
    }
    try (Statement st = c.createStatement()) {
      // Every time: the table may have been created in a transaction that was rolled back.
      st.execute(createStage);
      BinaryCopy.copyIn(pg, copyStage, payload);
      return BinaryCopy.stored(st, move, items, eventId);
    }
  }
}
