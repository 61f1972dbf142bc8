package io.corridor.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The two steps every COPY-based {@link BatchSink} shares (plate reads, positions, drone telemetry):
 * streaming a binary COPY payload, and on the duplicate-skipping path learning which events the
 * {@code INSERT … ON CONFLICT DO NOTHING RETURNING event_id} really stored.
 */
public final class BinaryCopy {

  private BinaryCopy() {}

  /**
   * Runs {@code sql} ({@code COPY … FROM STDIN (FORMAT binary)}) with {@code payload}, written to
   * the connection as it is: the driver's stream variant copies it through a new 64 kB buffer per
   * call, most of what a commit of positions allocated. A COPY that fails is cancelled, so the
   * connection is ready for the caller's rollback.
   */
  public static void copyIn(PGConnection pg, String sql, byte[] payload) throws SQLException {
    CopyIn copy = pg.getCopyAPI().copyIn(sql);
    try {
      copy.writeToCopy(payload, 0, payload.length);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /**
   * Runs {@code move}, whose result's first column is the id of each newly stored event, and
   * answers those of {@code items} in their order.
   */
  public static <T> List<T> stored(Statement st, String move, List<T> items, Function<T, String> eventId)
      throws SQLException {
    Set<String> inserted = new HashSet<>();
    try (ResultSet rs = st.executeQuery(move)) {
      while (rs.next()) {
        inserted.add(rs.getString(1));
      }
    }
    List<T> stored = new ArrayList<>(inserted.size());
    for (T item : items) {
      // remove: a group holding the same id twice stores and reports it once
      if (inserted.remove(eventId.apply(item))) {
        stored.add(item);
      }
    }
    return stored;
  }
}
