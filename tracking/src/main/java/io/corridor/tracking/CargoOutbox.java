package io.corridor.tracking;

import io.corridor.events.PlateRead;
import io.corridor.events.Position;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.outbox.LeasedOutbox;
import io.corridor.tracking.positions.OutboxGroup;
import io.corridor.tracking.positions.PositionOutboxSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the cargo outbox: {@code cargo_outbox_groups}, one row per committed group of positions
 * ({@link OutboxGroup}), and {@code cargo_outbox}, one row per plate read of a shipment's truck
 * ({@link TruckReadOutbox}) and per position stored before V33. What this node stored is judged
 * from memory at once, and its rows, leased to this node from the commit, are deleted once judged
 * (a group once every position in it is, {@link #local(List)}, {@link #flush}); rows whose lease ran
 * out (their node died, or could not judge them) are claimed by any node ({@link #runOnce}), their
 * positions and reads read back and judged, and the rows deleted only after the judgement and its
 * alert rows are stored. A node dying anywhere in between leaves the rows to be claimed again; a
 * fix or read judged twice changes nothing, and alert ids are deterministic. Blocking.
 */
public final class CargoOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(CargoOutbox.class);
  private static final LeasedOutbox TABLE = new LeasedOutbox(PositionOutboxSink.TABLE, "true",
      "c.event_id, c.event_time, " + ClaimedEvents.POSITION + ", r.device_id, r.plate_ct, r.lat, r.lon, r.confidence",
      "LEFT JOIN positions p ON p.event_id = c.event_id AND p.event_time = c.event_time"
          + " LEFT JOIN plate_reads r ON r.event_id = c.event_id AND r.event_time = c.event_time");
  private static final GroupOutbox GROUPS = new GroupOutbox("k.event_id, k.event_time, " + ClaimedEvents.POSITION);
  /** Positions per group a claim expects: {@code tracking.outbox.batch} over this is how many groups it takes. */
  static final int GROUP_SIZE = 100;

  private final DataSource dataSource;
  private final Function<Position, CompletableFuture<Void>> judge;
  private final Function<List<Position>, List<CompletableFuture<Void>>> judgeCommit;
  private final Function<PlateRead, CompletableFuture<Boolean>> judgeRead;
  private final ClaimedEvents rows;
  private final CargoOutboxOptions options;
  private final String owner;
  private final Clock clock;
  private final ConcurrentLinkedQueue<LeasedOutbox.Key> judged = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<LeasedOutbox.Key> judgedGroups = new ConcurrentLinkedQueue<>();
  private final AtomicLong depth = new AtomicLong();
  private final Counter claimed;
  private final Counter reclaimed;

  /**
   * A consumer of positions only (it leaves plate reads' rows to a consumer that judges them).
   *
   * @param judge judges one position; completes once it and its alerts are stored (see {@link CargoPipeline#judge})
   * @param owner this node's name in leases
   */
  public CargoOutbox(DataSource dataSource, Function<Position, CompletableFuture<Void>> judge, CargoOutboxOptions options,
      String owner, Clock clock, MeterRegistry metrics) {
    this(dataSource, judge, r -> CompletableFuture.failedFuture(new IllegalStateException("plate reads not judged here")),
        null, options, owner, clock, metrics);
  }

  /**
   * @param judge judges one position; completes once it and its alerts are stored (see {@link CargoPipeline#judge})
   * @param judgeRead judges one plate read; completes with whether it was a shipment's truck plate once it and its
   *     alerts are stored (see {@link CargoPipeline#judgeRead})
   * @param protector decrypts the plates of claimed reads
   * @param owner this node's name in leases
   */
  public CargoOutbox(DataSource dataSource, Function<Position, CompletableFuture<Void>> judge,
      Function<PlateRead, CompletableFuture<Boolean>> judgeRead, PlateProtector protector, CargoOutboxOptions options,
      String owner, Clock clock, MeterRegistry metrics) {
    this(dataSource, judge, committed -> committed.stream().map(judge).toList(), judgeRead, protector, options, owner,
        clock, metrics);
  }

  /**
   * As above, with {@code judgeCommit} judging the positions of one commit of this node together
   * (see {@link CargoPipeline#judgeAll}): a future per position, in list order, each as {@code judge}'s.
   */
  public CargoOutbox(DataSource dataSource, Function<Position, CompletableFuture<Void>> judge,
      Function<List<Position>, List<CompletableFuture<Void>>> judgeCommit,
      Function<PlateRead, CompletableFuture<Boolean>> judgeRead, PlateProtector protector, CargoOutboxOptions options,
      String owner, Clock clock, MeterRegistry metrics) {
    this.dataSource = dataSource;
    this.judge = judge;
    this.judgeCommit = judgeCommit;
    this.judgeRead = judgeRead;
    this.rows = new ClaimedEvents(protector);
    this.options = options;
    this.owner = owner;
    this.clock = clock;
    this.claimed = Counter.builder("corridor_cargo_outbox_claimed_total")
        .description("Cargo outbox rows claimed from the table (positions not judged by the node that stored them)")
        .register(metrics);
    this.reclaimed = Counter.builder("corridor_cargo_outbox_reclaimed_total")
        .description("Cargo outbox rows claimed again after an earlier claim's lease ran out").register(metrics);
    Gauge.builder("corridor_cargo_outbox_depth", depth, AtomicLong::get)
        .description("Committed positions and truck plate reads in the cargo outbox at the last poll, not yet judged")
        .register(metrics);
  }

  /**
   * Judges the positions one commit of this node stored (the group of {@link OutboxGroup}), from
   * memory; once every one is judged, the group's row is deleted with the next flush. When one
   * fails the row stays, and the group is judged again from the table after the lease.
   */
  public CompletableFuture<Void> local(List<Position> committed) {
    LeasedOutbox.Key group = OutboxGroup.key(committed);
    return CompletableFuture.allOf(judgeCommit.apply(committed).toArray(CompletableFuture[]::new))
        .thenRun(() -> judgedGroups.add(group));
  }

  /**
   * Judges a plate read this node stored, from memory; when it was a shipment's truck plate (the
   * reads that have a row, {@link TruckReadOutbox}) its row is deleted with the next flush.
   */
  public CompletableFuture<Void> local(PlateRead r) {
    return judgeRead.apply(r).thenAccept(truck -> {
      if (truck) {
        judged.add(new LeasedOutbox.Key(UUID.fromString(r.getEventId()), r.getEventTime()));
      }
    });
  }

  /**
   * Claims one batch of rows no live node holds (groups of positions, then single plate reads and
   * positions), judges their positions and plate reads and deletes the rows that were judged.
   *
   * @return how many positions and reads were claimed (0: nothing to do now)
   */
  public int runOnce() throws SQLException {
    return runGroups() + runSingles();
  }

  private int runGroups() throws SQLException {
    List<GroupOutbox.Claim<Position>> batch;
    try (Connection c = dataSource.getConnection()) {
      batch = GROUPS.claim(c, owner, Math.max(1, options.batch() / GROUP_SIZE), options.lease(), clock.instant(),
          rows::groupPosition);
    }
    if (batch.isEmpty()) {
      return 0;
    }
    claimed.increment(batch.size());
    reclaimed.increment(batch.stream().filter(claim -> claim.attempts() > 1).count());
    List<CompletableFuture<Void>> pending = new ArrayList<>(batch.size());
    for (GroupOutbox.Claim<Position> claim : batch) { // in event-time order
      pending.add(claim.position() != null ? judge.apply(claim.position()) : CompletableFuture.completedFuture(null));
    }
    Set<LeasedOutbox.Key> failed = new HashSet<>();
    await(pending, i -> {
      LeasedOutbox.Key group = batch.get(i).group();
      if (failed.add(group)) {
        LOG.warn("cargo outbox: a position of group {} not judged; claimed again after the lease ({})", group,
            options.lease());
      }
    });
    List<LeasedOutbox.Key> done = batch.stream().map(GroupOutbox.Claim::group).distinct()
        .filter(group -> !failed.contains(group)).toList();
    if (!done.isEmpty()) {
      try (Connection c = dataSource.getConnection()) {
        GROUPS.delete(c, done);
      }
    }
    return batch.size();
  }

  private int runSingles() throws SQLException {
    List<LeasedOutbox.Claim<ClaimedEvents.Row>> batch;
    try (Connection c = dataSource.getConnection()) {
      batch = TABLE.claim(c, owner, options.batch(), options.lease(), clock.instant(), rows::row);
    }
    if (batch.isEmpty()) {
      return 0;
    }
    claimed.increment(batch.size());
    reclaimed.increment(batch.stream().filter(claim -> claim.attempts() > 1).count());
    List<CompletableFuture<Void>> pending = new ArrayList<>(batch.size());
    for (LeasedOutbox.Claim<ClaimedEvents.Row> claim : batch) {
      ClaimedEvents.Row row = claim.row();
      pending.add(row.position() != null ? judge.apply(row.position()) // in event-time order
          : row.read() != null ? judgeRead.apply(row.read()).thenApply(truck -> null)
          : CompletableFuture.completedFuture(null));
    }
    Set<Integer> failed = new HashSet<>();
    await(pending, i -> {
      failed.add(i);
      LOG.warn("cargo outbox: event {} not judged; claimed again after the lease ({})", batch.get(i).row().key(),
          options.lease());
    });
    List<LeasedOutbox.Key> done = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      if (!failed.contains(i)) {
        done.add(batch.get(i).row().key());
      }
    }
    delete(done);
    return batch.size();
  }

  /**
   * Waits for every judgement, at most one lease in all; {@code failed} learns the index of each
   * that failed or did not finish in time (all those left when interrupted).
   */
  private void await(List<CompletableFuture<Void>> pending, IntConsumer failed) {
    long deadline = System.nanoTime() + options.lease().toNanos();
    for (int i = 0; i < pending.size(); i++) {
      try {
        pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        for (int j = i; j < pending.size(); j++) {
          failed.accept(j);
        }
        return;
      } catch (Exception e) {
        LOG.debug("cargo outbox: judgement {} failed: {}", i, e.toString());
        failed.accept(i);
      }
    }
  }

  /** Deletes the rows of the groups and truck reads judged from memory since the last flush. */
  public void flush() throws SQLException {
    List<LeasedOutbox.Key> groups = drain(judgedGroups);
    List<LeasedOutbox.Key> keys = drain(judged);
    try {
      if (!groups.isEmpty()) {
        try (Connection c = dataSource.getConnection()) {
          GROUPS.delete(c, groups);
        }
      }
    } catch (SQLException e) {
      judgedGroups.addAll(groups); // deleted with the next flush; at worst judged again after the lease
      judged.addAll(keys);
      throw e;
    }
    try {
      delete(keys);
    } catch (SQLException e) {
      judged.addAll(keys);
      throw e;
    }
  }

  private static List<LeasedOutbox.Key> drain(ConcurrentLinkedQueue<LeasedOutbox.Key> queue) {
    List<LeasedOutbox.Key> keys = new ArrayList<>();
    for (LeasedOutbox.Key k; keys.size() < 5_000 && (k = queue.poll()) != null; ) {
      keys.add(k);
    }
    return keys;
  }

  /** Counts the positions and reads in the outbox for {@code corridor_cargo_outbox_depth}. */
  public long refreshDepth() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      depth.set(GROUPS.depth(c) + TABLE.depth(c));
      return depth.get();
    }
  }

  private void delete(List<LeasedOutbox.Key> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      TABLE.delete(c, keys);
    }
  }
}
