package io.corridor.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One unit of work on one pooled connection: committed when it returns, rolled back when it
 * throws. Used where a change and its audit row must commit together or not at all. Blocking.
 */
public final class Transactions {

  /** Work done on the transaction's connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs on {@code c}, whose auto-commit is off; must not commit or roll back itself. */
    T run(Connection c) throws SQLException;
  }

  private Transactions() {
  }

  /** Runs {@code work} in one transaction on a connection from {@code dataSource}. */
  public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
