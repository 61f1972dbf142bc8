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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates committed reads from the durable rules outbox: claims a leased batch, runs the hotlist
 * and the violation engine on each read, and stores the alerts and violations together with
 * marking the read's outbox row done, in one transaction per read. A node that dies anywhere in
 * between leaves the row leased; when the lease expires any node claims it again, and the
 * deterministic ids make the second evaluation store nothing twice. Blocking: run it on its own
 * thread.
 */
public final class OutboxConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxConsumer.class);

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
    for (OutboxRepository.Claimed row : batch) {
      try {
        evaluate(row);
      } catch (SQLException | RuntimeException e) {
        // The row stays leased and is evaluated again after the lease; the others go on.
        LOG.error("rules for read {} failed; retried after the lease ({})", row.eventId(), options.lease(), e);
      }
    }
    return batch.size();
  }

  private void evaluate(OutboxRepository.Claimed row) throws SQLException {
    PlateRead read = row.read();
    List<Alert> raised = read == null ? List.of() : hotlistAlerts(read);
    List<Violation> found = read == null ? List.of() : violations(read);
    Optional<Duration> window = read == null ? Optional.empty() : sites.enforcementWindow(read.getDeviceId());
    Instant purgeAfter = window.isPresent() && raised.isEmpty() && found.isEmpty()
        ? read.getEventTime().plus(window.get()) : null;
    List<Alert> newAlerts = new ArrayList<>();
    List<Violation> newViolations = new ArrayList<>();
    List<Evaluated.FrameRef> frames = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        for (Alert alert : raised) {
          if (alerts.insert(c, alert, read.getPlate())) {
            newAlerts.add(alert);
          }
        }
        Instant now = clock.instant();
        for (Violation violation : found) {
          if (violations.insert(c, violation, read.getPlate(), now)) {
            newViolations.add(violation);
            frames.addAll(frames(c, violation.getEventId()));
          }
        }
        OutboxRepository.complete(c, row, now, purgeAfter);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    if (!newAlerts.isEmpty() || !newViolations.isEmpty()) {
      try {
        afterCommit.accept(new Evaluated(read, newAlerts, newViolations, frames));
      } catch (RuntimeException e) {
        LOG.error("after-commit handling of read {} failed; what it found is stored", read.getEventId(), e);
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

  private List<Violation> violations(PlateRead read) {
    try {
      return engine.evaluate(read).toCompletableFuture().get(options.evaluationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating read " + read.getEventId(), e);
    } catch (Exception e) {
      throw new IllegalStateException("violation engine did not answer for read " + read.getEventId() + ": " + e, e);
    }
  }

  private static List<Evaluated.FrameRef> frames(Connection c, String violationId) throws SQLException {
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
