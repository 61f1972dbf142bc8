package io.corridor.rules.outbox;

import java.time.Duration;
import java.util.Optional;

/**
 * Which cameras stand at enforcement sites. A read from such a site that leads to no violation is
 * deleted once its pairing window has closed (the law there allows keeping only offences); reads
 * from network sites follow the ordinary read retention.
 */
@FunctionalInterface
public interface SitePurposes {

  /** Every camera is a network camera. */
  SitePurposes NETWORK_ONLY = deviceId -> Optional.empty();

  /**
   * The pairing window of {@code deviceId}'s site when its purpose is enforcement (how long a read
   * there may still become part of a violation, e.g. a section's longest journey plus clock-skew
   * allowance), or empty for a network site.
   */
  Optional<Duration> enforcementWindow(String deviceId);
}
