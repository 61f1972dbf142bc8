package io.corridor.load;

import io.corridor.storage.EmbeddedPostgresServer;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Server settings of the embedded PostgreSQL that {@code bench queries} manages, written with
 * {@code ALTER SYSTEM} into its data directory. For the load only: {@code wal_level = minimal}
 * (rows inserted into a partition truncated in the same transaction are not written to WAL; the
 * files are synced at commit, so they are as durable as logged rows) and autovacuum off (the
 * loader vacuums each day itself). Both are reset, and the server restarted, before any query is
 * timed, so the queries run with the settings the tests and the demo use. Kept for good:
 * {@code shared_buffers = 1GB}, a modest production figure, instead of the 128 MB default.
 */
final class BenchServerSettings {

  private static final List<String> LOAD_ONLY = List.of("wal_level = 'minimal'", "max_wal_senders = 0",
      "autovacuum = off", "max_wal_size = '4GB'", "checkpoint_timeout = '30min'");

  private BenchServerSettings() {}

  /** Sets the load settings and restarts the server. */
  static void forLoad(EmbeddedPostgresServer postgres, PrintStream out) throws SQLException {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", ""); Statement st = c.createStatement()) {
      st.execute("ALTER SYSTEM SET shared_buffers = '1GB'");
      for (String setting : LOAD_ONLY) {
        st.execute("ALTER SYSTEM SET " + setting);
      }
    }
    out.println("restarting PostgreSQL for the load: " + String.join(", ", LOAD_ONLY));
    postgres.stop();
    postgres.restart();
  }

  /** Resets the load settings and restarts the server. */
  static void afterLoad(EmbeddedPostgresServer postgres, PrintStream out) throws SQLException {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", ""); Statement st = c.createStatement()) {
      for (String setting : LOAD_ONLY) {
        st.execute("ALTER SYSTEM RESET " + setting.substring(0, setting.indexOf(' ')));
      }
      st.execute("CHECKPOINT");
    }
    out.println("restarting PostgreSQL with its settings for the timed queries");
    postgres.stop();
    postgres.restart();
  }
}
