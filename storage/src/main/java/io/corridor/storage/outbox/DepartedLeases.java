package io.corridor.storage.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the leases a departed cluster member held in a module's outbox tables, so that what it
 * stored and acknowledged but had not processed yet is claimed by the survivors at their next poll,
 * not only once its leases run out (tens of seconds). Blocking: call it off the event loop.
 */
public final class DepartedLeases {

  private static final Logger LOG = LoggerFactory.getLogger(DepartedLeases.class);

  private final DataSource dataSource;
  private final Clock clock;
  private final List<String> tables;

  /** @param tables outbox tables whose {@code lease_owner} is a member's id */
  public DepartedLeases(DataSource dataSource, Clock clock, List<String> tables) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.tables = List.copyOf(tables);
  }

  /**
   * Ends {@code owner}'s leases in every table, in one transaction.
   *
   * @return how many leases ended, or -1 when the database could not be reached (the leases then
   *     run out as they would have)
   */
  public int release(String owner) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      int ended = 0;
      try {
        for (String table : tables) {
          ended += LeasedOutbox.endLeasesOf(c, table, owner, clock.instant());
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
      LOG.info("cluster member {} left: {} of its leases in {} ended, its rows are claimed at the next poll", owner,
          ended, tables);
      return ended;
    } catch (SQLException e) {
      LOG.warn("cluster member {} left, but its leases in {} could not be ended ({}); they run out as set", owner,
          tables, e.toString());
      return -1;
    }
  }
}
