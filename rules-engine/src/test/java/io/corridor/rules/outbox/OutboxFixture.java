package io.corridor.rules.outbox;

import io.corridor.config.Settings;
import io.corridor.events.EventIds;
import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import io.corridor.ingest.GroupCommitWriter;
import io.corridor.ingest.PlateReadSink;
import io.corridor.rules.AlertRepository;
import io.corridor.rules.Hotlist;
import io.corridor.rules.HotlistRule;
import io.corridor.rules.engine.SignalPhase;
import io.corridor.rules.engine.ViolationEngine;
import io.corridor.rules.violations.ViolationStore;
import io.corridor.storage.Database;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.StorageOptions;
import io.corridor.testkit.MutableClock;
import io.corridor.testkit.TestKeys;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real database written through ingest's real group-commit writer and sink, and consumers over
 * it with a small engine: a read faster than 100 km/h is a SPEED violation.
 */
final class OutboxFixture implements AutoCloseable {

  static final PlateProtector PROTECTOR = new PlateProtector(Base64.getDecoder().decode(TestKeys.PLATE_HASH_KEY),
      Base64.getDecoder().decode(TestKeys.PLATE_ENCRYPTION_KEY));
  static final OutboxOptions OPTIONS = new OutboxOptions(50, Duration.ofSeconds(30), Duration.ofSeconds(1),
      Duration.ofSeconds(5));

  /** Counts how often each read was evaluated. */
  static final class SpeedEngine implements ViolationEngine {
    final Map<String, AtomicInteger> evaluations = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<List<Violation>> evaluate(PlateRead read) {
      evaluations.computeIfAbsent(read.getEventId(), id -> new AtomicInteger()).incrementAndGet();
      if (read.getSpeedKmh() == null || read.getSpeedKmh() <= 100) {
        return CompletableFuture.completedFuture(List.of());
      }
      return CompletableFuture.completedFuture(List.of(Violation.newBuilder()
          .setEventId(EventIds.deterministic("speed-test", read.getEventId()))
          .setDeviceId(read.getDeviceId()).setEventTime(read.getEventTime()).setReceivedTime(read.getEventTime())
          .setKind(ViolationKind.SPEED).setRuleId("speed-test").setReadIds(List.of(read.getEventId()))
          .setMeasured((double) read.getSpeedKmh()).setLimit(100.0).build()));
    }

    @Override
    public void onSignal(SignalPhase phase) {}
  }

  final Database database;
  final MutableClock clock = new MutableClock(Instant.now());
  final GroupCommitWriter<PlateRead> writer;

  OutboxFixture(String name) throws SQLException {
    StorageOptions storage = new StorageOptions(Settings.of(Map.of("db.url", io.corridor.testkit.TestDatabase.fresh(name))));
    database = Database.open(storage);
    database.migrate(false);
    new PartitionMaintenance(database.dataSource(), storage.retention(), 2, Duration.ofDays(7), Clock.systemUTC()).run();
    writer = new GroupCommitWriter<>("reads", database.dataSource(), new PlateReadSink(PROTECTOR), stored -> {},
        () -> {}, new GroupCommitWriter.Listener() {}, 10_000, 1000, 1, Duration.ofSeconds(1), Clock.systemUTC());
  }

  /** Commits {@code reads} the way ingest does, and waits for the commit. */
  void commit(List<PlateRead> reads) throws Exception {
    writer.submit(reads).get();
  }

  OutboxConsumer consumer(String owner, ViolationEngine engine, SitePurposes sites, List<Evaluated> seen) {
    return new OutboxConsumer(database.dataSource(), new OutboxRepository(database.dataSource(), PROTECTOR),
        new HotlistRule(new Hotlist(), PROTECTOR, clock), new AlertRepository(database.dataSource(), PROTECTOR),
        engine, new ViolationStore(PROTECTOR), sites, seen::add, OPTIONS, owner, clock);
  }

  long count(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    writer.close();
    database.close();
  }
}
