package io.corridor.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool and schema migrations. Blocking: call from worker threads only. */
public final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens the pool. It starts even when the database is down (so a node can become ready later);
   * each borrow then fails after {@link StorageOptions#connectTimeout()}.
   */
  public static Database open(StorageOptions options) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("corridor-db");
    config.setJdbcUrl(options.url());
    config.setUsername(options.user());
    config.setPassword(options.password());
    config.setMaximumPoolSize(options.poolSize());
    config.setConnectionTimeout(options.connectTimeout().toMillis());
    config.setValidationTimeout(Math.min(options.connectTimeout().toMillis(), 1000));
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("connectTimeout", Math.max(1, options.connectTimeout().toSeconds()));
    config.addDataSourceProperty("socketTimeout", 30);
    config.addDataSourceProperty("tcpKeepAlive", true);
    config.addDataSourceProperty("ApplicationName", "corridor");
    return new Database(new HikariDataSource(config));
  }

  /** Applies pending migrations; fails when the database is unreachable. */
  public void migrate(boolean timescaleAllowed) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        // Capability modules own disjoint version ranges (docs/architecture.md), so a database
        // migrated by a build with a later module must still accept an earlier module's new file.
        .outOfOrder(true)
        .placeholders(Map.of("timescale", timescaleAllowed ? "auto" : "off"))
        .load()
        .migrate();
  }

  /** The pool. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Whether a trivial query succeeds right now. */
  public boolean isReachable() {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.setQueryTimeout(2);
      st.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
