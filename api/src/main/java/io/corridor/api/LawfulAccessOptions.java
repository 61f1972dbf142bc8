package io.corridor.api;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import io.corridor.storage.StorageOptions;
import java.time.Duration;
import java.util.List;

/** Settings of lawful access: warrant tiers and the retention report's refresh. */
public final class LawfulAccessOptions {

  /** The open tier. */
  public static final ConfigKey OPEN_TIER = new ConfigKey("warrants.open-tier", "14d",
      "A warrant whose window starts further back than this (from the request) or is longer needs a second approver; below retention.plate-reads");
  /** Report refresh. */
  public static final ConfigKey REPORT_INTERVAL = new ConfigKey("retention.report-interval", "1m",
      "How often the retention report behind the corridor_retention_* metrics is recomputed");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(OPEN_TIER, REPORT_INTERVAL);

  private final Duration openTier;
  private final Duration reportInterval;

  /**
   * Reads and validates the keys. An open tier at or above the read retention is accepted with a
   * warning: no window could then start before it, so only long windows would need two approvers.
   */
  public LawfulAccessOptions(Settings settings) {
    this.openTier = settings.getDuration(OPEN_TIER);
    if (openTier.isZero()) {
      throw new ConfigException(OPEN_TIER, openTier.toString(), "must be longer than 0");
    }
    Duration reads = settings.getDuration(StorageOptions.RETAIN_READS);
    if (openTier.compareTo(reads) >= 0) {
      org.slf4j.LoggerFactory.getLogger(LawfulAccessOptions.class).warn("{} ({}) is not below {} ({}): only windows"
          + " longer than the tier need a second approver", OPEN_TIER.name(), openTier, StorageOptions.RETAIN_READS.name(), reads);
    }
    this.reportInterval = settings.getDuration(REPORT_INTERVAL);
    if (reportInterval.toMillis() < 100) {
      throw new ConfigException(REPORT_INTERVAL, reportInterval.toString(), "must be at least 100ms");
    }
  }

  public Duration openTier() { return openTier; }

  public Duration reportInterval() { return reportInterval; }
}
