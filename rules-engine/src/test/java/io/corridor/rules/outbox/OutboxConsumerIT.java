package io.corridor.rules.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.PlateRead;
import io.corridor.testkit.Reads;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reads committed through ingest's writer are evaluated from the outbox exactly once in effect,
 * also when the node that committed them (or the one that claimed them) died before the rules ran.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutboxConsumerIT {

  static OutboxFixture db;

  @BeforeAll
  static void start() throws Exception {
    db = new OutboxFixture("outbox_consumer");
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
  }

  @BeforeEach
  void empty() throws Exception {
    try (var c = db.database.dataSource().getConnection(); var st = c.createStatement()) {
      st.execute("TRUNCATE plate_reads, rules_outbox, violations CASCADE");
    }
  }

  static PlateRead read(String plate, float speed) {
    Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    return Reads.read("cam-a1-km12", plate, at).setSpeedKmh(speed).setReceivedTime(at.plusSeconds(1)).build();
  }

  @Test
  void readsCommittedByANodeThatDiedBeforeItsRulesRanAreEvaluatedByAnother() throws Exception {
    PlateRead speeding = read("01SPD01", 131f);
    db.commit(List.of(speeding, read("01OK001", 88f)));
    // The committing node is gone: it never claimed anything. A surviving node finds both reads.
    OutboxFixture.SpeedEngine engine = new OutboxFixture.SpeedEngine();
    List<Evaluated> seen = Collections.synchronizedList(new ArrayList<>());
    assertThat(db.consumer("node-b", engine, SitePurposes.NETWORK_ONLY, seen).runOnce()).isEqualTo(2);

    assertThat(db.count("SELECT count(*) FROM violations")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM violation_reads WHERE read_id = '" + speeding.getEventId() + "'")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM rules_outbox")).as("both positions done").isZero();
    assertThat(seen).singleElement().satisfies(e -> assertThat(e.violations()).hasSize(1));
  }

  @Test
  void aNodeKilledAfterClaimingLeavesTheReadsToAnotherOnceItsLeaseExpires() throws Exception {
    PlateRead speeding = read("01SPD02", 140f);
    db.commit(List.of(speeding));
    // Node A claims the read and dies before it stores anything.
    OutboxRepository repository = new OutboxRepository(db.database.dataSource(), OutboxFixture.PROTECTOR);
    assertThat(repository.claim("node-a", 10, OutboxFixture.OPTIONS.lease(), db.clock.instant())).hasSize(1);

    OutboxFixture.SpeedEngine engine = new OutboxFixture.SpeedEngine();
    OutboxConsumer survivor = db.consumer("node-b", engine, SitePurposes.NETWORK_ONLY, new ArrayList<>());
    assertThat(survivor.runOnce()).as("node A's lease still holds").isZero();
    db.clock.advance(OutboxFixture.OPTIONS.lease().plusSeconds(1));
    assertThat(survivor.runOnce()).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM violations")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM rules_outbox")).isZero();
  }

  @Test
  void aReRunOfAReadWhoseCompletionWasLostStoresNothingTwice() throws Exception {
    PlateRead speeding = read("01SPD03", 150f);
    db.commit(List.of(speeding));
    OutboxFixture.SpeedEngine engine = new OutboxFixture.SpeedEngine();
    db.consumer("node-a", engine, SitePurposes.NETWORK_ONLY, new ArrayList<>()).runOnce();
    // As if node A's outbox completion had not happened: the row is back, unleased.
    try (var c = db.database.dataSource().getConnection(); var st = c.createStatement()) {
      st.execute("INSERT INTO rules_outbox (event_id, event_time) SELECT event_id, event_time FROM plate_reads");
    }
    List<Evaluated> seen = new ArrayList<>();
    assertThat(db.consumer("node-b", engine, SitePurposes.NETWORK_ONLY, seen).runOnce()).isEqualTo(1);
    assertThat(engine.evaluations.get(speeding.getEventId())).hasValue(2);
    assertThat(db.count("SELECT count(*) FROM violations")).isEqualTo(1);
    assertThat(seen).as("nothing new to publish the second time").isEmpty();
  }

  @Test
  void aFailingEngineLeavesTheReadForARetryAndTheOthersGoOn() throws Exception {
    PlateRead poison = read("01BAD01", 160f);
    PlateRead fine = read("01SPD04", 150f);
    db.commit(List.of(poison, fine));
    OutboxFixture.SpeedEngine speed = new OutboxFixture.SpeedEngine();
    io.corridor.rules.engine.ViolationEngine failing = new io.corridor.rules.engine.ViolationEngine() {
      @Override
      public java.util.concurrent.CompletionStage<List<io.corridor.events.Violation>> evaluate(PlateRead r) {
        return r.getEventId().equals(poison.getEventId()) ? CompletableFuture.failedFuture(new IllegalStateException("boom"))
            : speed.evaluate(r);
      }

      @Override
      public void onSignal(io.corridor.rules.engine.SignalPhase phase) {}
    };
    db.consumer("node-a", failing, SitePurposes.NETWORK_ONLY, new ArrayList<>()).runOnce();
    assertThat(db.count("SELECT count(*) FROM violations")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM rules_outbox WHERE event_id = '" + poison.getEventId() + "'")).isEqualTo(1);
    db.clock.advance(OutboxFixture.OPTIONS.lease().plus(Duration.ofSeconds(1)));
    db.consumer("node-b", speed, SitePurposes.NETWORK_ONLY, new ArrayList<>()).runOnce();
    assertThat(db.count("SELECT count(*) FROM violations")).isEqualTo(2);
    assertThat(db.count("SELECT count(*) FROM rules_outbox")).isZero();
  }

  @Test
  void twoNodesDrainingTogetherEvaluateEveryReadOnce() throws Exception {
    List<PlateRead> reads = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      reads.add(read("KS" + i, i % 4 == 0 ? 120f : 80f));
    }
    db.commit(reads);
    OutboxFixture.SpeedEngine engine = new OutboxFixture.SpeedEngine();
    OutboxConsumer a = db.consumer("node-a", engine, SitePurposes.NETWORK_ONLY, new ArrayList<>());
    OutboxConsumer b = db.consumer("node-b", engine, SitePurposes.NETWORK_ONLY, new ArrayList<>());
    CompletableFuture<Void> runA = CompletableFuture.runAsync(() -> drain(a));
    CompletableFuture<Void> runB = CompletableFuture.runAsync(() -> drain(b));
    CompletableFuture.allOf(runA, runB).get(60, TimeUnit.SECONDS);
    assertThat(engine.evaluations).hasSize(400);
    assertThat(engine.evaluations.values()).allMatch(n -> n.get() == 1);
    assertThat(db.count("SELECT count(*) FROM violations")).isEqualTo(100);
  }

  static void drain(OutboxConsumer consumer) {
    try {
      while (consumer.runOnce() > 0) {
        // until empty
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
