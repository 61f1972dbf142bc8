package io.corridor.rules.outbox;

import io.corridor.events.Alert;
import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.rules.AlertRepository;
import io.corridor.rules.HotlistRule;
import io.corridor.rules.engine.ViolationEngine;
import io.corridor.rules.violations.ViolationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates committed reads from the durable rules outbox: claims a leased batch, runs the hotlist
 * and the violation engine on each read (engine calls issued in read order, answers awaited
 * together), and stores the alerts and violations together with marking the rows done, in one
 * transaction per batch (per read when the batch's transaction fails). A node that dies anywhere
 * in between leaves the rows leased; when the lease expires any node claims them again, and the
 * deterministic ids make the second evaluation store nothing twice. Blocking: run it on its own
 * thread.
 */
public final class OutboxConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxConsumer.class);

  /** What one read produced, before it is stored. */
  private record Outcome(OutboxRepository.Claimed row, List<Alert> alerts, List<Violation> violations,
      Instant purgeAfter) {}

  private final DataSource dataSource;
  private final OutboxRepository outbox;
  private final HotlistRule hotlist;
  private final AlertRepository alerts;
  private final ViolationEngine engine;
  private final ViolationStore violations;
  private final SitePurposes sites;
  private final Consumer<Evaluated> afterCommit;
  private final OutboxOptions options;
  private final String owner;
  private final Clock clock;

  /**
   * @param owner this node's name in the lease
   * @param afterCommit called with what each read newly produced, after its commit
   */
  public OutboxConsumer(DataSource dataSource, OutboxRepository outbox, HotlistRule hotlist, AlertRepository alerts,
      ViolationEngine engine, ViolationStore violations, SitePurposes sites, Consumer<Evaluated> afterCommit,
      OutboxOptions options, String owner, Clock clock) {
    this.dataSource = dataSource;
    this.outbox = outbox;
    this.hotlist = hotlist;
    this.alerts = alerts;
    this.engine = engine;
    this.violations = violations;
    this.sites = sites;
    this.afterCommit = afterCommit;
    this.options = options;
    this.owner = owner;
    this.clock = clock;
  }

  /**
   * Claims one batch and evaluates it.
   *
   * @return how many rows were claimed (0: nothing to do now)
   */
  public int runOnce() throws SQLException {
    List<OutboxRepository.Claimed> batch = outbox.claim(owner, options.batch(), options.lease(), clock.instant());
    if (batch.isEmpty()) {
      return 0;
    }
    List<Outcome> outcomes = evaluate(batch);
    try {
      store(outcomes);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("storing a batch of {} evaluated reads failed ({}); storing them one by one", outcomes.size(), e.toString());
      for (Outcome outcome : outcomes) {
        try {
          store(List.of(outcome));
        } catch (SQLException | RuntimeException single) {
          // The row stays leased and is evaluated again after the lease; the others go on.
          LOG.error("rules for read {} could not be stored; retried after the lease ({})", outcome.row().eventId(),
              options.lease(), single);
        }
      }
    }
    return batch.size();
  }

  private List<Outcome> evaluate(List<OutboxRepository.Claimed> batch) {
    List<CompletableFuture<List<Violation>>> pending = new ArrayList<>(batch.size());
    for (OutboxRepository.Claimed row : batch) {
      pending.add(row.read() == null ? CompletableFuture.completedFuture(List.of()) : engineCall(row.read()));
    }
    long deadline = System.nanoTime() + options.evaluationTimeout().toNanos();
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      OutboxRepository.Claimed row = batch.get(i);
      try {
        List<Violation> found = pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        List<Alert> raised = row.read() == null ? List.of() : hotlistAlerts(row.read());
        outcomes.add(new Outcome(row, raised, found, purgeAfter(row.read(), raised, found)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return outcomes;
      } catch (Exception e) {
        LOG.error("violation engine failed for read {}; retried after the lease ({})", row.eventId(), options.lease(), e);
      }
    }
    return outcomes;
  }

  private CompletableFuture<List<Violation>> engineCall(PlateRead read) {
    try {
      return engine.evaluate(read).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Instant purgeAfter(PlateRead read, List<Alert> raised, List<Violation> found) {
    if (read == null || !raised.isEmpty() || !found.isEmpty()) {
      return null;
    }
    Optional<Duration> window = sites.enforcementWindow(read.getDeviceId());
    return window.map(w -> read.getEventTime().plus(w)).orElse(null);
  }

  private void store(List<Outcome> outcomes) throws SQLException {
    List<Evaluated> fresh = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Instant now = clock.instant();
        List<OutboxRepository.Done> done = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
          PlateRead read = o.row().read();
          List<Alert> newAlerts = new ArrayList<>();
          List<Violation> newViolations = new ArrayList<>();
          List<Evaluated.FrameRef> frames = new ArrayList<>();
          for (Alert alert : o.alerts()) {
            if (alerts.insert(c, alert, read.getPlate())) {
              newAlerts.add(alert);
            }
          }
          for (Violation violation : o.violations()) {
            if (violations.insert(c, violation, read.getPlate(), now)) {
              newViolations.add(violation);
              frames.addAll(frames(c, violation.getEventId()));
            }
          }
          if (!newAlerts.isEmpty() || !newViolations.isEmpty()) {
            fresh.add(new Evaluated(read, newAlerts, newViolations, frames));
          }
          done.add(new OutboxRepository.Done(o.row(), o.purgeAfter()));
        }
        OutboxRepository.complete(c, done, now);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    for (Evaluated evaluated : fresh) {
      try {
        afterCommit.accept(evaluated);
      } catch (RuntimeException e) {
        LOG.error("after-commit handling of read {} failed; what it found is stored", evaluated.read().getEventId(), e);
      }
    }
  }

  private List<Alert> hotlistAlerts(PlateRead read) {
    try {
      return hotlist.evaluate(read);
    } catch (RuntimeException e) {
      LOG.error("hotlist rule failed for read {}; the other rules go on", read.getEventId(), e);
      return List.of();
    }
  }

  static List<Evaluated.FrameRef> frames(Connection c, String violationId) throws SQLException {
    List<Evaluated.FrameRef> refs = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT device_id, unnest(frame_ids) FROM violation_reads WHERE violation_id = ?")) {
      ps.setObject(1, UUID.fromString(violationId));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          refs.add(new Evaluated.FrameRef(rs.getString(1), rs.getString(2), violationId));
        }
      }
    }
    return refs;
  }
}
