package io.corridor.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.corridor.testkit.FreePorts;
import io.corridor.tracking.detect.AlertChange;
import io.corridor.tracking.detect.AlertKind;
import io.corridor.tracking.detect.LatLon;
import io.corridor.tracking.detect.MonitorPlan;
import io.corridor.tracking.detect.Thresholds;
import io.corridor.tracking.detect.TrackPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real Hazelcast members: the member owning a shipment judges an episode and dies before the
 * change is stored; the survivor continues from the backup and still hands the change out.
 */
class MonitorStoreIT {

  private static final Instant T0 = Instant.parse("2026-11-24T06:00:00Z");
  private final ExecutorService callbacks = Executors.newFixedThreadPool(2);
  private HazelcastInstance first;
  private HazelcastInstance second;

  @AfterEach
  void stop() {
    for (HazelcastInstance member : new HazelcastInstance[] {second, first}) {
      if (member != null && member.getLifecycleService().isRunning()) {
        member.getLifecycleService().terminate();
      }
    }
    callbacks.shutdownNow();
  }

  /** Starts {@link #first} and {@link #second} as one cluster of a random name on loopback. */
  private void startTwoMembers() {
    String cluster = "monitors-" + UUID.randomUUID();
    int seed = FreePorts.next();
    first = member(cluster, seed, seed);
    second = member(cluster, FreePorts.next(), seed);
  }

  static HazelcastInstance member(String cluster, int port, int seed) {
    Config config = new Config().setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + seed);
    return Hazelcast.newHazelcastInstance(config);
  }

  @Test
  void anEpisodeJudgedOnAMemberThatDiesBeforeStoringItSurvivesOnTheBackup() throws Exception {
    startTwoMembers();
    MonitorStore onFirst = new MonitorStore(first, 1, Duration.ZERO, callbacks);
    MonitorStore onSecond = new MonitorStore(second, 1, Duration.ZERO, callbacks);
    String id = ownedBy(first);
    LatLon a = new LatLon(41.3, 19.5);
    LatLon b = new LatLon(41.3, 20.0);
    MonitorPlan plan = new MonitorPlan(id, "fuel", Set.of("trk-1"), List.of(a, b), 2000, List.of(), List.of(), null, null, null,
        null, List.of(), Thresholds.defaults());
    onFirst.start(plan, new byte[32], T0).toCompletableFuture().get(10, TimeUnit.SECONDS);

    List<AlertChange> outbox = List.of();
    for (int m = 0; m <= 11; m++) {
      TrackPoint off = TrackPoint.at("trk-1", T0.plus(Duration.ofMinutes(m)), new LatLon(41.35, 19.6));
      outbox = onFirst.fix(id, off, off.time()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    assertThat(outbox).extracting(c -> c.alert().kind()).containsExactly(AlertKind.OFF_CORRIDOR);
    // the owner dies before the change was stored and acknowledged
    first.getLifecycleService().terminate();

    // back on the route two minutes later (5.6 km: a plausible drive, not a jump)
    TrackPoint back = TrackPoint.at("trk-1", T0.plus(Duration.ofMinutes(13)), new LatLon(41.3, 19.6));
    List<AlertChange> after = onSecond.fix(id, back, back.time()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(after).extracting(AlertChange::raised).containsExactly(true, false);
    assertThat(after.get(0).alert().id()).isEqualTo(outbox.get(0).alert().id());
    onSecond.acknowledge(id, after).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(onSecond.tickLocal(back.time()).get(id)).isEmpty();
  }

  @Test
  void aBatchOfFixesIsJudgedOnEachShipmentsOwnerInOrder() throws Exception {
    startTwoMembers();
    MonitorStore onFirst = new MonitorStore(first, 1, Duration.ZERO, callbacks);
    MonitorStore onSecond = new MonitorStore(second, 1, Duration.ZERO, callbacks);
    String here = ownedBy(first);
    String there = ownedBy(second);
    LatLon a = new LatLon(41.3, 19.5);
    LatLon b = new LatLon(41.3, 20.0);
    byte[] plate = new byte[32];
    for (String[] s : new String[][] {{here, "trk-here"}, {there, "trk-there"}}) {
      MonitorPlan plan = new MonitorPlan(s[0], "fuel", Set.of(s[1]), List.of(a, b), 2000, List.of(), List.of(), null, null,
          null, null, List.of(), Thresholds.defaults());
      onSecond.start(plan, plate, T0).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    assertThat(onFirst.shipmentsOfTrackers(Set.of("trk-here", "trk-there", "trk-none")))
        .as("released on the other member: this member's copy of the index has both once the release is answered;"
            + " a tracker fitted to nothing is left out")
        .containsOnly(Map.entry("trk-here", Set.of(here)), Map.entry("trk-there", Set.of(there)));
    assertThat(new MonitorStore(first, 1, Duration.ZERO, callbacks).shipmentsOfTrackers(Set.of("trk-here")))
        .as("a copy opened later loads what is there").containsOnly(Map.entry("trk-here", Set.of(here)));
    assertThat(onFirst.shipmentsOfPlate(plate).toCompletableFuture().get(10, TimeUnit.SECONDS))
        .as("this member's copy of the plate index has both trucks once the releases are answered").containsOnly(here, there);

    // twelve minutes off the corridor for one shipment, on the route for the other, in one batch
    List<TrackPoint> off = new ArrayList<>();
    List<TrackPoint> on = new ArrayList<>();
    for (int m = 0; m <= 11; m++) {
      off.add(TrackPoint.at("trk-here", T0.plus(Duration.ofMinutes(m)), new LatLon(41.35, 19.6)));
      on.add(TrackPoint.at("trk-there", T0.plus(Duration.ofMinutes(m)), new LatLon(41.3, 19.6 + m * 0.001)));
    }
    Map<String, ArrayList<AlertChange>> outboxes = onFirst.fixes(Map.of(here, off, there, on), off.get(11).time(),
        Duration.ofSeconds(10));
    assertThat(outboxes).as("only the shipment that changed has an outbox").containsOnlyKeys(here);
    assertThat(outboxes.get(here)).extracting(c -> c.alert().kind()).containsExactly(AlertKind.OFF_CORRIDOR);
    assertThat(onSecond.state(there).settled()).isTrue();

    // the same episode seen from the other member: its outbox is handed out until acknowledged
    TrackPoint later = TrackPoint.at("trk-here", T0.plus(Duration.ofMinutes(12)), new LatLon(41.35, 19.6));
    Map<String, ArrayList<AlertChange>> again = onSecond.fixes(Map.of(here, List.of(later)), later.time(), Duration.ofSeconds(10));
    assertThat(again.get(here)).extracting(c -> c.alert().id()).contains(outboxes.get(here).get(0).alert().id());
    onSecond.acknowledge(here, again.get(here)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(onFirst.fixes(Map.of(here, List.of(later)), later.time(), Duration.ofSeconds(10))).isEmpty();

    // ended on the other member: gone from this member's copy once the end is answered
    onSecond.end(there, Set.of("trk-there"), plate, later.time()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(onFirst.shipmentsOfTrackers(Set.of("trk-here", "trk-there"))).containsOnlyKeys("trk-here");
    assertThat(onFirst.shipmentsOfPlate(plate).toCompletableFuture().get(10, TimeUnit.SECONDS)).containsOnly(here);
  }

  @Test
  void eachMemberTicksExactlyTheShipmentsItOwns() throws Exception {
    startTwoMembers();
    MonitorStore onFirst = new MonitorStore(first, 1, Duration.ZERO, callbacks);
    MonitorStore onSecond = new MonitorStore(second, 1, Duration.ZERO, callbacks);
    LatLon a = new LatLon(41.3, 19.5);
    LatLon b = new LatLon(41.3, 20.0);
    java.util.Set<String> all = new java.util.HashSet<>();
    for (int i = 0; i < 60; i++) { // spread over many partitions of both members
      String id = UUID.nameUUIDFromBytes(("ticked-" + i).getBytes()).toString();
      all.add(id);
      MonitorPlan plan = new MonitorPlan(id, "fuel", Set.of("trk-tick-" + i), List.of(a, b), 2000, List.of(), List.of(), null,
          null, null, null, List.of(), Thresholds.defaults());
      onFirst.start(plan, new byte[32], T0).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    Instant silent = T0.plus(Duration.ofMinutes(20));
    Map<String, ArrayList<AlertChange>> here = onFirst.tickLocal(silent);
    Map<String, ArrayList<AlertChange>> there = onSecond.tickLocal(silent);
    assertThat(here.keySet()).as("one call per partition, not per key: every owned shipment ticked once")
        .allMatch(id -> first.getPartitionService().getPartition(id).getOwner().localMember())
        .doesNotContainAnyElementsOf(there.keySet());
    assertThat(there.keySet()).allMatch(id -> second.getPartitionService().getPartition(id).getOwner().localMember());
    java.util.Set<String> ticked = new java.util.HashSet<>(here.keySet());
    ticked.addAll(there.keySet());
    assertThat(ticked).isEqualTo(all);
    assertThat(here).isNotEmpty();
    assertThat(there).isNotEmpty();
  }

  private static String ownedBy(HazelcastInstance member) throws InterruptedException {
    for (int i = 0; ; i++) {
      String id = UUID.nameUUIDFromBytes(("shipment-" + i).getBytes()).toString();
      com.hazelcast.cluster.Member owner;
      while ((owner = member.getPartitionService().getPartition(id).getOwner()) == null) {
        Thread.sleep(50); // the first call starts assigning the partitions between the two members
      }
      if (owner.localMember()) {
        return id;
      }
    }
  }
}
