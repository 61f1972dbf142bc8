package io.corridor.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.postgresql.PGConnection;

/**
 * The two steps every COPY-based {@link BatchSink} shares (plate reads, positions, drone telemetry):
 * streaming a binary COPY payload, and on the duplicate-skipping path learning which events the
 * {@code INSERT … ON CONFLICT DO NOTHING RETURNING event_id} really stored.
 */
public final class BinaryCopy {

  private BinaryCopy() {}

  /** Runs {@code sql} ({@code COPY … FROM STDIN (FORMAT binary)}) with {@code payload}. */
  public static void copyIn(PGConnection pg, String sql, byte[] payload) throws SQLException {
    try {
      pg.getCopyAPI().copyIn(sql, new ByteArrayInputStream(payload), 65_536);
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), "08006", e);
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
