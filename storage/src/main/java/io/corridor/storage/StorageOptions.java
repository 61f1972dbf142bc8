package io.corridor.storage;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * Database connection and retention settings.
 *
 * <p>Retention defaults follow the data-protection notes in {@code docs/data-protection.md}: a
 * plate read that matched nothing is the most sensitive record and expires soonest.
 */
public final class StorageOptions {

  /** JDBC URL of PostgreSQL/TimescaleDB; empty means the demo starts an embedded PostgreSQL. */
  public static final ConfigKey DB_URL = new ConfigKey("db.url", "",
      "JDBC URL of PostgreSQL/TimescaleDB, e.g. jdbc:postgresql://db:5432/corridor (empty: the demo embeds one)");
  /** Database user. */
  public static final ConfigKey DB_USER = new ConfigKey("db.user", "postgres", "Database user");
  /** Database password. */
  public static final ConfigKey DB_PASSWORD = new ConfigKey("db.password", "", "Database password");
  /** Connections in the pool. */
  public static final ConfigKey DB_POOL_SIZE = new ConfigKey("db.pool-size", "8", "Connections in the pool");
  /** How long to wait for a connection before answering 503. */
  public static final ConfigKey DB_CONNECT_TIMEOUT = new ConfigKey("db.connect-timeout", "2s",
      "How long a request waits for a database connection before it is answered 503");
  /** Retention of plate reads. */
  public static final ConfigKey RETAIN_READS = new ConfigKey("retention.plate-reads", "30d",
      "How long plate reads are kept before their daily partition is dropped");
  /** Retention of tracker positions. */
  public static final ConfigKey RETAIN_POSITIONS = new ConfigKey("retention.positions", "90d",
      "How long cargo tracker positions are kept");
  /** Retention of drone telemetry. */
  public static final ConfigKey RETAIN_TELEMETRY = new ConfigKey("retention.drone-telemetry", "14d",
      "How long drone telemetry is kept");
  /** Retention of frames kept as evidence, counted from when a rule marked them. */
  public static final ConfigKey RETAIN_EVIDENCE = new ConfigKey("retention.evidence-frames", "90d",
      "How long a frame a rule marked as evidence is kept (from the marking) before the retention job deletes it");
  /** Daily partitions created ahead of time. */
  public static final ConfigKey PARTITIONS_AHEAD = new ConfigKey("retention.partitions-ahead", "3",
      "Daily partitions created ahead of today (native partitioning)");
  /** Period of the retention job. */
  public static final ConfigKey RETENTION_INTERVAL = new ConfigKey("retention.interval", "1h",
      "How often the cluster-wide retention job runs");
  /** Use TimescaleDB when the extension is available. */
  public static final ConfigKey TIMESCALE = new ConfigKey("db.timescale", "auto",
      "auto: hypertables when the timescaledb extension is available; off: native partitions always");

  /** TimescaleDB only: age past which chunks are compressed. */
  public static final ConfigKey COMPRESS_AFTER = new ConfigKey("db.compress-after", "7d",
      "TimescaleDB only: compress chunks of the time-series tables older than this (0: never); keep it at or past ingest.max-age");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE, DB_CONNECT_TIMEOUT,
      TIMESCALE, COMPRESS_AFTER, RETAIN_READS, RETAIN_POSITIONS, RETAIN_TELEMETRY, RETAIN_EVIDENCE, PARTITIONS_AHEAD, RETENTION_INTERVAL);

  private final String url;
  private final String user;
  private final String password;
  private final int poolSize;
  private final Duration connectTimeout;
  private final boolean timescaleAllowed;
  private final Duration compressAfter;
  private final RetentionPolicy retention;
  private final Duration evidenceRetention;
  private final int partitionsAhead;
  private final Duration retentionInterval;

  /** Reads and validates the storage keys. */
  public StorageOptions(Settings settings) {
    this.url = settings.require(DB_URL);
    this.user = settings.get(DB_USER);
    this.password = settings.get(DB_PASSWORD);
    this.poolSize = settings.getPositiveInt(DB_POOL_SIZE);
    this.connectTimeout = settings.getDuration(DB_CONNECT_TIMEOUT);
    String timescale = settings.require(TIMESCALE);
    if (!timescale.equals("auto") && !timescale.equals("off")) {
      throw new ConfigException(TIMESCALE, timescale, "must be auto or off");
    }
    this.timescaleAllowed = timescale.equals("auto");
    this.compressAfter = settings.getDuration(COMPRESS_AFTER);
    this.retention = new RetentionPolicy(settings.getDuration(RETAIN_READS), settings.getDuration(RETAIN_POSITIONS),
        settings.getDuration(RETAIN_TELEMETRY));
    this.evidenceRetention = settings.getDuration(RETAIN_EVIDENCE);
    if (evidenceRetention.isZero()) {
      throw new ConfigException(RETAIN_EVIDENCE, "0", "must be longer than 0 (evidence that is kept for no time is not evidence)");
    }
    this.partitionsAhead = settings.getPositiveInt(PARTITIONS_AHEAD);
    this.retentionInterval = settings.getDuration(RETENTION_INTERVAL);
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(DB_URL, url, "must start with jdbc:postgresql:");
    }
    if (connectTimeout.toMillis() < 250) {
      throw new ConfigException(DB_CONNECT_TIMEOUT, connectTimeout.toString(), "must be at least 250ms");
    }
  }

  public String url() { return url; }

  public String user() { return user; }

  public String password() { return password; }

  public int poolSize() { return poolSize; }

  public Duration connectTimeout() { return connectTimeout; }

  /** Whether TimescaleDB may be used when the extension is available. */
  public boolean timescaleAllowed() { return timescaleAllowed; }

  /** TimescaleDB: age past which chunks are compressed; zero means never. */
  public Duration compressAfter() { return compressAfter; }

  public RetentionPolicy retention() { return retention; }

  /** How long evidence frames are kept after they are marked. */
  public Duration evidenceRetention() { return evidenceRetention; }

  public int partitionsAhead() { return partitionsAhead; }

  public Duration retentionInterval() { return retentionInterval; }
}
