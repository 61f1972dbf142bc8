package io.corridor.tracking.shipments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Orders a release (a shipment put in transit) against the commits of plate reads, so that every
 * read of its truck committed after the release reaches the cargo cross-check. A read's commit
 * looks up the trucks in transit in its own transaction; without this, a read whose look-up ran
 * before a concurrent release committed, and which itself committed after it, would be judged by
 * neither side. Reads share the lock (they never wait for each other), a release takes it alone:
 * it waits for the read commits under way, and reads that start meanwhile wait for it. Releases
 * are rare, so the reads lose nothing but the lock's own round trip per commit.
 */
public final class TransitLock {

  private static final long KEY = 0x7472616e736974L; // "transit"

  private TransitLock() {}

  /**
   * Taken by a read commit before it looks up the trucks in transit, as a statement of its own: in
   * READ COMMITTED the look-up's snapshot is then taken after any release it waited for had committed.
   */
  public static void shared(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock_shared(" + KEY + ")")) {
      ps.execute();
    }
  }

  /** Taken by a release, in its transaction, before the shipment's state changes. */
  public static void exclusive(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(" + KEY + ")")) {
      ps.execute();
    }
  }
}
