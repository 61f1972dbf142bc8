package io.corridor.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.config.Settings;
import io.corridor.events.GeoPoint;
import io.corridor.events.Position;
import io.corridor.storage.outbox.DepartedLeases;
import io.corridor.testkit.MutableClock;
import io.corridor.tracking.positions.OutboxGroup;
import io.corridor.tracking.positions.PositionOutboxSink;
import io.corridor.tracking.positions.PositionRows;
import io.corridor.tracking.testing.TrackingFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cargo outbox on a real database: one row per committed group, written with the positions and
 * leased to the node that stored them; only an expired lease lets another node claim it; a judged
 * group is deleted, a group with a judgement that failed is claimed again after its lease, two
 * nodes never take the same group, and rows a position got before V33 are still judged.
 */
class CargoOutboxIT {

  private static final Duration LEASE = Duration.ofSeconds(30);
  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private TrackingFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = TrackingFixture.start(Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  private static Position position(Instant at) {
    return Position.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId(TrackingFixture.TRACKER)
        .setEventTime(at).setReceivedTime(at).setLocation(new GeoPoint(41.32, 19.45)).setSpeedKmh(61.5f)
        .setSensors(Map.of("fuel", 4210.5, "door", "closed")).setAlarms(List.of("tampering")).setProtocol("osmand").build();
  }

  /** Stores {@code positions} the way the writer does, as node {@code owner}. */
  private List<Position> store(String owner, List<Position> positions) throws Exception {
    try (Connection c = fixture.database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      List<Position> stored = new PositionOutboxSink(PositionRows.sink(), owner, LEASE, clock).write(c, positions);
      c.commit();
      return stored;
    }
  }

  private CargoOutbox outbox(String owner, Function<Position, CompletableFuture<Void>> judge) {
    Settings s = Settings.of(Map.of(CargoOutboxOptions.LEASE.name(), LEASE.toSeconds() + "s"));
    return new CargoOutbox(fixture.database.dataSource(), judge, new CargoOutboxOptions(s), owner, clock, metrics);
  }

  private double counter(String name) {
    return metrics.get(name).counter().count();
  }

  @Test
  void aDeadNodesPositionsAreJudgedByAnotherAfterTheLeaseAndDeletedOnceJudged() throws Exception {
    Instant t0 = clock.instant().minus(Duration.ofMinutes(5));
    List<Position> sent = List.of(position(t0), position(t0.plusSeconds(10)), position(t0.plusSeconds(20)));
    assertThat(store("node-a", sent)).hasSize(3);
    assertThat(store("node-a", List.of(sent.get(0)))).as("a retry is stored once, and has one row").isEmpty();
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox_groups WHERE lease_owner = 'node-a'"))
        .as("one row for the commit").isEqualTo(1);
    assertThat(fixture.count("SELECT sum(cardinality(event_ids)) FROM cargo_outbox_groups")).isEqualTo(3);
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox")).isZero();

    List<Position> judged = new CopyOnWriteArrayList<>();
    CargoOutbox b = outbox("node-b", p -> {
      judged.add(p);
      return CompletableFuture.completedFuture(null);
    });
    assertThat(b.runOnce()).as("node-a's lease still holds").isZero();
    clock.advance(LEASE.plusSeconds(1));
    assertThat(b.runOnce()).isEqualTo(3);
    assertThat(judged).extracting(Position::getEventId).containsExactly(sent.stream().map(Position::getEventId).toArray(String[]::new));
    Position back = judged.get(0);
    assertThat(back.getEventTime()).isEqualTo(t0);
    assertThat(back.getLocation().getLat()).isEqualTo(41.32);
    assertThat(back.getSpeedKmh()).isEqualTo(61.5f);
    assertThat(back.getSensors()).containsEntry("fuel", 4210.5).containsEntry("door", "closed");
    assertThat(back.getAlarms()).containsExactly("tampering");
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox_groups")).isZero();
    assertThat(b.refreshDepth()).isZero();
    assertThat(counter("corridor_cargo_outbox_claimed_total")).isEqualTo(3);
    assertThat(counter("corridor_cargo_outbox_reclaimed_total")).as("the writer's lease is no claim").isZero();
  }

  @Test
  void aNodeThatLeftTheClusterHasItsLeasesEndedSoTheirGroupsAreClaimedAtOnce() throws Exception {
    Instant t0 = clock.instant().minus(Duration.ofMinutes(2));
    store("node-a", List.of(position(t0), position(t0.plusSeconds(10))));
    store("node-c", List.of(position(t0.plusSeconds(20))));
    List<Position> judged = new CopyOnWriteArrayList<>();
    CargoOutbox b = outbox("node-b", p -> {
      judged.add(p);
      return CompletableFuture.completedFuture(null);
    });
    assertThat(b.runOnce()).as("both leases hold").isZero();

    DepartedLeases departed = new DepartedLeases(fixture.database.dataSource(), clock,
        List.of(PositionOutboxSink.TABLE, OutboxGroup.TABLE));
    assertThat(departed.release("node-a")).as("node-a's one group").isEqualTo(1);
    clock.advance(Duration.ofMillis(1));

    assertThat(b.runOnce()).as("node-a's positions, before its lease would have run out").isEqualTo(2);
    assertThat(judged).extracting(Position::getEventTime).containsExactly(t0, t0.plusSeconds(10));
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox_groups WHERE lease_owner = 'node-c'"))
        .as("a member still in the cluster keeps its lease").isEqualTo(1);
    assertThat(departed.release("node-a")).as("nothing left to end: every member may run it").isZero();
  }

  @Test
  void aGroupWithAPositionWhoseJudgementFailedKeepsItsRowAndIsClaimedAgainAfterTheLease() throws Exception {
    Instant t0 = clock.instant().minus(Duration.ofMinutes(1));
    Position p = position(t0);
    Position q = position(t0.plusSeconds(5));
    store("node-a", List.of(q, p));
    clock.advance(LEASE.plusSeconds(1));
    List<String> attempts = new ArrayList<>();
    CargoOutbox b = outbox("node-b", x -> {
      attempts.add(x.getEventId());
      return attempts.size() == 2 ? CompletableFuture.failedFuture(new IllegalStateException("database down"))
          : CompletableFuture.completedFuture(null);
    });
    assertThat(b.runOnce()).isEqualTo(2);
    assertThat(b.refreshDepth()).as("not all judged: the group is kept").isEqualTo(2);
    assertThat(b.runOnce()).as("its new lease holds").isZero();
    clock.advance(LEASE.plusSeconds(1));
    assertThat(b.runOnce()).isEqualTo(2);
    assertThat(attempts).as("in event-time order, twice").containsExactly(p.getEventId(), q.getEventId(),
        p.getEventId(), q.getEventId());
    assertThat(b.refreshDepth()).isZero();
    assertThat(counter("corridor_cargo_outbox_reclaimed_total")).isEqualTo(2);
  }

  @Test
  void rowsPositionsGotBeforeGroupsAreStillJudgedAndDeleted() throws Exception {
    Position p = position(clock.instant().minus(Duration.ofMinutes(2)));
    try (Connection c = fixture.database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      PositionRows.sink().write(c, List.of(p));
      try (var st = c.prepareStatement("INSERT INTO cargo_outbox (event_id, event_time, lease_owner, lease_until)"
          + " VALUES (?::uuid, ?, 'node-old', ?)")) { // as V32's PositionOutboxSink wrote it
        st.setString(1, p.getEventId());
        st.setTimestamp(2, java.sql.Timestamp.from(p.getEventTime()));
        st.setTimestamp(3, java.sql.Timestamp.from(clock.instant().plus(LEASE)));
        st.executeUpdate();
      }
      c.commit();
    }
    List<Position> judged = new CopyOnWriteArrayList<>();
    CargoOutbox b = outbox("node-b", x -> {
      judged.add(x);
      return CompletableFuture.completedFuture(null);
    });
    assertThat(b.refreshDepth()).isEqualTo(1);
    assertThat(b.runOnce()).as("node-old's lease still holds").isZero();
    clock.advance(LEASE.plusSeconds(1));
    assertThat(b.runOnce()).isEqualTo(1);
    assertThat(judged).extracting(Position::getEventId).containsExactly(p.getEventId());
    assertThat(judged.getFirst().getSensors()).containsEntry("fuel", 4210.5);
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox")).isZero();
  }

  @Test
  void aPositionGoneByRetentionLeavesItsGroupJudgedAndDeleted() throws Exception {
    Instant t0 = clock.instant().minus(Duration.ofMinutes(3));
    Position kept = position(t0);
    Position gone = position(t0.plusSeconds(1));
    store("node-a", List.of(kept, gone));
    fixture.count("WITH d AS (DELETE FROM positions WHERE event_id = '" + gone.getEventId() + "' RETURNING 1)"
        + " SELECT count(*) FROM d");
    clock.advance(LEASE.plusSeconds(1));
    List<String> judged = new CopyOnWriteArrayList<>();
    CargoOutbox b = outbox("node-b", x -> {
      judged.add(x.getEventId());
      return CompletableFuture.completedFuture(null);
    });
    assertThat(b.runOnce()).isEqualTo(2);
    assertThat(judged).containsExactly(kept.getEventId());
    assertThat(b.refreshDepth()).isZero();
  }

  @Test
  void theNodeThatStoredAGroupDeletesItsRowOnceItJudgedAllOfItFromMemory() throws Exception {
    Position p = position(clock.instant().minus(Duration.ofMinutes(1)));
    Position later = position(p.getEventTime().plusSeconds(1));
    List<Position> stored = store("node-a", List.of(later, p));
    Map<String, CompletableFuture<Void>> judgements = Map.of(p.getEventId(), new CompletableFuture<>(),
        later.getEventId(), new CompletableFuture<>());
    CargoOutbox a = outbox("node-a", q -> judgements.get(q.getEventId()));
    CompletableFuture<Void> local = a.local(stored);
    a.flush();
    assertThat(a.refreshDepth()).as("not judged yet").isEqualTo(2);
    judgements.get(p.getEventId()).complete(null);
    a.flush();
    assertThat(a.refreshDepth()).as("one of two judged: the group stays").isEqualTo(2);
    judgements.get(later.getEventId()).complete(null);
    local.join();
    a.flush();
    assertThat(a.refreshDepth()).isZero();
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox_groups")).isZero();
  }

  @Test
  void twoNodesClaimingAtOnceNeverTakeTheSameGroup() throws Exception {
    Instant t0 = clock.instant().minus(Duration.ofMinutes(10));
    List<Position> sent = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      sent.add(position(t0.plusMillis(i * 100L)));
    }
    for (int i = 0; i < sent.size(); i += 10) {
      store("node-a", sent.subList(i, i + 10)); // 40 commits, 40 groups
    }
    clock.advance(LEASE.plusSeconds(1));
    List<String> judged = new CopyOnWriteArrayList<>();
    Function<Position, CompletableFuture<Void>> judge = p -> {
      judged.add(p.getEventId());
      return CompletableFuture.completedFuture(null);
    };
    Settings small = Settings.of(Map.of(CargoOutboxOptions.BATCH.name(), "20"));
    CargoOutbox b = new CargoOutbox(fixture.database.dataSource(), judge, new CargoOutboxOptions(small), "node-b", clock, metrics);
    CargoOutbox c = new CargoOutbox(fixture.database.dataSource(), judge, new CargoOutboxOptions(small), "node-c", clock,
        new SimpleMeterRegistry());
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> drain(b));
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> drain(c));
    CompletableFuture.allOf(first, second).join();
    assertThat(judged).hasSize(400).doesNotHaveDuplicates();
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox_groups")).isZero();
  }

  private static void drain(CargoOutbox outbox) {
    try {
      while (outbox.runOnce() > 0) {
        // until empty
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
