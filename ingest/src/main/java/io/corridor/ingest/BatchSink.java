package io.corridor.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Writes a group of events inside the caller's transaction. */
public interface BatchSink<T> {

  /**
   * Writes {@code items} on {@code connection} without committing.
   *
   * @return the items newly stored; items already stored (retries) are left out
   */
  List<T> write(Connection connection, List<T> items) throws SQLException;
}
