package io.corridor.rules.engine;

import static io.corridor.rules.engine.EngineHarness.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.rules.engine.section.HazelcastJourneyStore;
import io.corridor.rules.engine.section.JourneyStore;
import io.corridor.rules.engine.signal.HazelcastSignalStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Section pairing on two real Hazelcast members, each with its own engine (two "nodes"): entry
 * reads evaluated on one, exit reads on the other, so about half the journeys live on the member
 * that did not see the read.
 */
class SectionPairingClusterTest {

  static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

  List<HazelcastInstance> members;
  ExecutorService callbacks;
  EngineHarness a;
  EngineHarness b;

  @BeforeEach
  void setUp() throws Exception {
    members = Members.start(2);
    callbacks = Executors.newFixedThreadPool(2);
    a = node(members.get(0));
    b = node(members.get(1));
  }

  EngineHarness node(HazelcastInstance hz) throws Exception {
    EngineHarness h = new EngineHarness(T0, new HazelcastJourneyStore(hz, callbacks), new HazelcastSignalStore(hz, callbacks));
    h.rule(SectionFixtures.CHAIN);
    SectionFixtures.sites(h);
    return h;
  }

  @AfterEach
  void tearDown() {
    members.forEach(HazelcastInstance::shutdown);
    callbacks.shutdownNow();
  }

  @Test
  void readsOnDifferentNodesPairOnTheKeyOwnerAndNonOffendersLeaveNothing() throws Exception {
    List<Violation> found = new ArrayList<>();
    List<PlateRead> fastExits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String plate = "KS" + (1000 + i);
      boolean fast = i % 4 == 0;
      found.addAll(a.feed(read("cam-a2-k10", plate, T0)));
      found.addAll(b.feed(read("cam-a2-k15", plate, T0.plusSeconds(fast ? 120 : 200))));
      PlateRead exit = read("cam-a2-k21", plate, T0.plusSeconds(fast ? 240 : 440));
      if (fast) {
        fastExits.add(exit);
      }
      found.addAll((i % 2 == 0 ? a : b).feed(exit));
    }
    assertThat(found).hasSize(10);
    assertThat(found).extracting(v -> v.getReadIds().getLast())
        .containsExactlyInAnyOrderElementsOf(fastExits.stream().map(PlateRead::getEventId).toList());
    int tombstones = members.get(0).getMap(HazelcastJourneyStore.MAP).size();
    assertThat(tombstones).as("only the ten offences' tombstones remain").isEqualTo(10);

    a.engine.onLateViolations(v -> java.util.concurrent.CompletableFuture.completedFuture(null));
    b.engine.onLateViolations(v -> java.util.concurrent.CompletableFuture.completedFuture(null));
    assertThat(a.sweep(T0.plusSeconds(240 + 3601))).isEmpty();
    assertThat(b.sweep(T0.plusSeconds(240 + 3601))).isEmpty();
    assertThat(members.get(1).getMap(HazelcastJourneyStore.MAP).size()).isZero();
  }

  @Test
  void journeyLeavingTheChainIsDecidedOnceByItsOwnersSweep() throws Exception {
    List<Violation> sunk = java.util.Collections.synchronizedList(new ArrayList<>());
    for (EngineHarness h : List.of(a, b)) {
      h.engine.onLateViolations(v -> {
        sunk.addAll(v);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      });
    }
    for (int i = 0; i < 12; i++) {
      a.feed(read("cam-a2-k10", "LEFT" + i, T0));
      b.feed(read("cam-a2-k15", "LEFT" + i, T0.plusSeconds(120))); // offends, then leaves the motorway
    }
    Instant closed = T0.plusSeconds(120 + 3600);
    assertThat(a.sweep(closed).size() + b.sweep(closed).size()).isEqualTo(12);
    assertThat(sunk).hasSize(12).extracting(Violation::getEventId).doesNotHaveDuplicates();
    assertThat(members.get(0).getMap(HazelcastJourneyStore.MAP).size()).isZero();
  }

  @Test
  void nonOffendingJourneyIsDeletedAtOnce() throws Exception {
    a.feed(read("cam-a2-k10", "BG9999", T0));
    b.feed(read("cam-a2-k15", "BG9999", T0.plusSeconds(200)));
    assertThat(members.get(0).getMap(HazelcastJourneyStore.MAP).size()).isEqualTo(1);
    a.feed(read("cam-a2-k21", "BG9999", T0.plusSeconds(440)));
    assertThat(members.get(0).getMap(HazelcastJourneyStore.MAP).size()).isZero();
    assertThat(members.get(1).getMap(HazelcastJourneyStore.MAP).size()).isZero();
  }

  @Test
  void theKeyOwnerDyingBetweenEntryAndExitLosesNothing() throws Exception {
    String plate = "NI777AB";
    String key = JourneyStore.key("section-a2", HexFormat.of().formatHex(a.protector.hash(plate)));
    a.feed(read("cam-a2-k10", plate, T0));
    a.feed(read("cam-a2-k15", plate, T0.plusSeconds(200)));
    HazelcastInstance owner = members.stream()
        .filter(m -> m.getPartitionService().getPartition(key).getOwner().getUuid().equals(m.getCluster().getLocalMember().getUuid()))
        .findFirst().orElseThrow();
    EngineHarness survivor = owner == members.get(0) ? b : a;
    owner.getLifecycleService().terminate(); // no graceful migration: the backup takes over

    List<Violation> found = survivor.feed(read("cam-a2-k21", plate, T0.plusSeconds(300))); // 6 km in 100 s

    assertThat(found).hasSize(1);
    assertThat(found.getFirst().getDetails()).containsEntry("sectionId", "A2-2");
  }
}
