package io.corridor.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.config.Settings;
import io.corridor.events.PlateRead;
import io.corridor.ingest.PlateReadSink;
import io.corridor.storage.PlateProtector;
import io.corridor.storage.PrivacyOptions;
import io.corridor.storage.outbox.ReadOutboxes;
import io.corridor.testkit.MutableClock;
import io.corridor.tracking.shipments.ShipmentRepository;
import io.corridor.tracking.shipments.ShipmentTransitions;
import io.corridor.tracking.shipments.TransitLock;
import io.corridor.tracking.testing.TrackingFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plate reads in the cargo outbox, on a real database: a read whose blind index is the truck plate
 * of a shipment in transit gets a row in the read's own transaction, leased to the storing node;
 * other reads (another plate, or a shipment no longer in transit) get none, a retry adds none; after
 * the lease another node claims the row, judges the read (its plate decrypted) and deletes it. A
 * release and a read commit of its truck that overlap are ordered: the read is either committed
 * before the release or seen by it.
 */
class TruckReadOutboxIT {

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final String TRUCK = "AA123BB";
  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private TrackingFixture fixture;
  private PlateProtector protector;

  @BeforeEach
  void start() throws Exception {
    fixture = TrackingFixture.start(Clock.systemUTC());
    protector = new PrivacyOptions(fixture.settings).protector();
    shipment("26AL00500100000017", TRUCK, "released");
    shipment("26AL00500100000025", "ZZ999ZZ", "arrived");
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  private void shipment(String mrn, String plate, String state) throws Exception {
    try (Connection c = fixture.database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO shipments (shipment_id, mrn, goods, state, truck_plate_hash, truck_plate_ct, trackers, declaration,
          declared_by, declared_at, updated_at) VALUES (?, ?, 'fuel', ?, ?, ?, '{trk-1}', '{}', 'test', ?, ?)""")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, mrn);
      ps.setString(3, state);
      ps.setBytes(4, protector.hash(plate));
      ps.setBytes(5, protector.encrypt(plate));
      ps.setTimestamp(6, Timestamp.from(clock.instant()));
      ps.setTimestamp(7, Timestamp.from(clock.instant()));
      ps.executeUpdate();
    }
  }

  @Test
  void aReadCommittingWhileItsTruckIsReleasedWaitsForTheReleaseAndGetsItsRow() throws Exception {
    String mrn = "26AL00500100000033";
    shipment(mrn, "KS404TR", "declared");
    try (Connection release = fixture.database.dataSource().getConnection()) {
      release.setAutoCommit(false);
      TransitLock.exclusive(release);
      try (PreparedStatement ps = release.prepareStatement("UPDATE shipments SET state = 'released' WHERE mrn = ?")) {
        ps.setString(1, mrn);
        ps.executeUpdate();
      }
      PlateRead truck = read("KS404TR", clock.instant());
      CompletableFuture<List<PlateRead>> stored = CompletableFuture.supplyAsync(() -> {
        try {
          return store("node-a", List.of(truck));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      awaitWaitingOnTheLock();
      release.commit();
      assertThat(stored.get(30, TimeUnit.SECONDS)).hasSize(1);
      assertThat(fixture.count("SELECT count(*) FROM cargo_outbox WHERE event_id = '" + truck.getEventId() + "'"))
          .as("its look-up ran after the release committed").isEqualTo(1);
    }
  }

  @Test
  void aReleaseWaitsForTheReadCommitsUnderWay() throws Exception {
    String mrn = "26AL00500100000041";
    shipment(mrn, "KS505TR", "declared");
    String id;
    try (Connection c = fixture.database.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT shipment_id FROM shipments WHERE mrn = ?")) {
      ps.setString(1, mrn);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getString(1);
      }
    }
    ReadOutboxes outboxes = new ReadOutboxes();
    outboxes.add(new TruckReadOutbox(protector, "node-a", LEASE, clock));
    PlateRead early = read("KS505TR", clock.instant());
    try (Connection reads = fixture.database.dataSource().getConnection()) {
      reads.setAutoCommit(false);
      new PlateReadSink(protector, outboxes).write(reads, List.of(early)); // looked up: not in transit yet
      ShipmentRepository repository = new ShipmentRepository(fixture.database.dataSource(), protector);
      CompletableFuture<?> released = CompletableFuture.supplyAsync(() -> {
        try {
          return repository.transition(id, ShipmentTransitions.Action.RELEASE, "customs-1",
              null, clock.instant(), (c, detail) -> {});
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      awaitWaitingOnTheLock();
      assertThat(released).as("the release waits for the read commit under way").isNotDone();
      reads.commit();
      released.get(30, TimeUnit.SECONDS);
    }
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox WHERE event_id = '" + early.getEventId() + "'"))
        .as("committed before the release: not its journey's").isZero();
    PlateRead later = read("KS505TR", clock.instant().plusSeconds(1));
    store("node-a", List.of(later));
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox WHERE event_id = '" + later.getEventId() + "'")).isEqualTo(1);
  }

  /** Until one backend waits for an advisory lock (the other side of the transit lock holds it). */
  private void awaitWaitingOnTheLock() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (fixture.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 0) {
      assertThat(System.nanoTime()).as("nobody waited for the transit lock").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private PlateRead read(String plate, Instant at) {
    return PlateRead.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId(TrackingFixture.CAMERA)
        .setEventTime(at).setReceivedTime(at).setPlate(plate).setConfidence(0.93f).build();
  }

  /** Stores {@code reads} the way a node's read writer does, as node {@code owner}. */
  private List<PlateRead> store(String owner, List<PlateRead> reads) throws Exception {
    ReadOutboxes outboxes = new ReadOutboxes();
    outboxes.add(new TruckReadOutbox(protector, owner, LEASE, clock));
    try (Connection c = fixture.database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      List<PlateRead> stored = new PlateReadSink(protector, outboxes).write(c, reads);
      c.commit();
      return stored;
    }
  }

  @Test
  void onlyATruckPlateReadOfAShipmentInTransitHasARowWhichAnotherNodeJudgesAfterTheLease() throws Exception {
    Instant t0 = clock.instant().minus(Duration.ofMinutes(2));
    PlateRead truck = read(TRUCK, t0);
    List<PlateRead> sent = List.of(read("BG555XY", t0), truck, read("ZZ999ZZ", t0.plusSeconds(1)));
    assertThat(store("node-a", sent)).hasSize(3);
    assertThat(store("node-a", List.of(truck, read("KS777AA", t0)))).as("the retry is stored once").hasSize(1);
    assertThat(fixture.count("SELECT count(*) FROM rules_outbox")).as("the rules see every read").isEqualTo(4);
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox")).as("the truck's read only").isEqualTo(1);
    assertThat(fixture.count("SELECT count(*) FROM cargo_outbox WHERE lease_owner = 'node-a' AND event_id = '"
        + truck.getEventId() + "'")).isEqualTo(1);

    List<PlateRead> judged = new CopyOnWriteArrayList<>();
    Settings s = Settings.of(Map.of(CargoOutboxOptions.LEASE.name(), LEASE.toSeconds() + "s"));
    CargoOutbox b = new CargoOutbox(fixture.database.dataSource(), p -> CompletableFuture.completedFuture(null), r -> {
      judged.add(r);
      return CompletableFuture.completedFuture(true);
    }, protector, new CargoOutboxOptions(s), "node-b", clock, new SimpleMeterRegistry());
    assertThat(b.runOnce()).as("node-a's lease still holds").isZero();
    clock.advance(LEASE.plusSeconds(1));
    assertThat(b.runOnce()).isEqualTo(1);
    assertThat(judged).hasSize(1);
    assertThat(judged.getFirst().getEventId()).isEqualTo(truck.getEventId());
    assertThat(judged.getFirst().getPlate()).isEqualTo(TRUCK);
    assertThat(judged.getFirst().getDeviceId()).isEqualTo(TrackingFixture.CAMERA);
    assertThat(judged.getFirst().getEventTime()).isEqualTo(t0);
    assertThat(b.refreshDepth()).isZero();
  }

  @Test
  void theNodeThatStoredATruckReadDeletesItsRowOnceItJudgedItFromMemory() throws Exception {
    PlateRead truck = read(TRUCK, clock.instant().minus(Duration.ofMinutes(1)));
    PlateRead other = read("BG555XY", clock.instant().minus(Duration.ofMinutes(1)));
    store("node-a", List.of(truck, other));
    CompletableFuture<Boolean> judgement = new CompletableFuture<>();
    CargoOutbox a = new CargoOutbox(fixture.database.dataSource(), p -> CompletableFuture.completedFuture(null),
        r -> r == truck ? judgement : CompletableFuture.completedFuture(false), protector,
        new CargoOutboxOptions(Settings.of(Map.of())), "node-a", clock, new SimpleMeterRegistry());
    a.local(other).join();
    CompletableFuture<Void> local = a.local(truck);
    a.flush();
    assertThat(a.refreshDepth()).as("not judged yet").isEqualTo(1);
    judgement.complete(true);
    local.join();
    a.flush();
    assertThat(a.refreshDepth()).isZero();
  }
}
