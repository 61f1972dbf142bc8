package io.corridor.rules.outbox;

import io.corridor.events.Violation;
import io.corridor.rules.violations.ViolationStore;
import io.corridor.storage.PlateProtector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Stores violations that belong to no read being evaluated: section offences the engine decides
 * when a journey's pairing window has passed (only then is its worst overshoot known). The plate
 * comes from the stored reads the violation names. The returned stage completes only after the
 * commit, and the engine deletes the journey only then, so nothing decided is lost.
 */
public final class LateViolations {

  private final DataSource dataSource;
  private final ViolationStore store;
  private final PlateProtector protector;
  private final Executor executor;
  private final Consumer<Evaluated> afterCommit;
  private final Clock clock;

  /** Stores on {@code executor} (JDBC; never an event loop). */
  public LateViolations(DataSource dataSource, ViolationStore store, PlateProtector protector, Executor executor,
      Consumer<Evaluated> afterCommit, Clock clock) {
    this.dataSource = dataSource;
    this.store = store;
    this.protector = protector;
    this.executor = executor;
    this.afterCommit = afterCommit;
    this.clock = clock;
  }

  /** Stores {@code violations}; completes after the commit. */
  public CompletableFuture<List<Violation>> store(List<Violation> violations) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return storeNow(violations);
      } catch (SQLException e) {
        throw new IllegalStateException("late violations not stored: " + e.getMessage(), e);
      }
    }, executor);
  }

  private List<Violation> storeNow(List<Violation> violations) throws SQLException {
    List<Violation> fresh = new ArrayList<>();
    List<Evaluated.FrameRef> frames = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Instant now = clock.instant();
        for (Violation v : violations) {
          if (store.insert(c, v, plate(c, v), now)) {
            fresh.add(v);
            frames.addAll(OutboxConsumer.frames(c, v.getEventId()));
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    if (!fresh.isEmpty()) {
      afterCommit.accept(new Evaluated(null, List.of(), fresh, frames));
    }
    return fresh;
  }

  private String plate(Connection c, Violation v) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT plate_ct FROM plate_reads WHERE event_id = ANY(?) LIMIT 1")) {
      ps.setArray(1, c.createArrayOf("uuid", v.getReadIds().stream().map(UUID::fromString).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? protector.decrypt(rs.getBytes(1)) : null;
      }
    }
  }
}
