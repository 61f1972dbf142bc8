package io.corridor.tracking;

import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.time.Duration;
import java.util.List;

/** How the cargo outbox (committed positions not yet judged) is written and consumed. */
public final class CargoOutboxOptions {

  /** Lease of the node that stored a position, and of a node that claimed rows. */
  public static final ConfigKey LEASE = new ConfigKey("tracking.outbox.lease", "30s",
      "How long the node that stored a position (or claimed its outbox row) has to judge it; after that another node judges it from the table (a dead node's positions)");
  /** Poll period for rows whose lease ran out. */
  public static final ConfigKey POLL = new ConfigKey("tracking.outbox.poll-interval", "2s",
      "How often a node looks for cargo outbox rows whose lease ran out (positions a dead node acknowledged but did not judge)");
  /** Batch size of a claim: single rows, or groups of positions (one per {@code CargoOutbox.GROUP_SIZE}). */
  public static final ConfigKey BATCH = new ConfigKey("tracking.outbox.batch", "500",
      "Positions and truck plate reads claimed at once from the cargo outbox; positions come in whole commit groups, one group per 100 (at least one)");
  /** Whether this node judges positions at all. */
  public static final ConfigKey CONSUME = new ConfigKey("tracking.outbox.consume", "true",
      "Whether this node judges committed positions for the cargo monitors; false: it only stores them and other nodes judge them after the lease");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(LEASE, POLL, BATCH, CONSUME);

  private final Duration lease;
  private final Duration poll;
  private final int batch;
  private final boolean consume;

  /** Reads the keys. */
  public CargoOutboxOptions(Settings s) {
    lease = s.getDuration(LEASE);
    poll = s.getDuration(POLL);
    batch = s.getPositiveInt(BATCH);
    consume = s.getBoolean(CONSUME);
  }

  public Duration lease() { return lease; }

  public Duration poll() { return poll; }

  public int batch() { return batch; }

  public boolean consume() { return consume; }
}
