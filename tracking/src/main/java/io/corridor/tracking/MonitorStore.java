package io.corridor.tracking;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.corridor.platform.cluster.PartitionedKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.corridor.tracking.detect.AlertChange;
import io.corridor.tracking.detect.CargoAlert;
import io.corridor.tracking.detect.MonitorPlan;
import io.corridor.tracking.detect.MonitorState;
import io.corridor.tracking.detect.PlateSighting;
import io.corridor.tracking.detect.TrackPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The cluster-wide cargo state in Hazelcast: each shipment's {@link MonitorState} keyed by shipment
 * id, and two indexes (tracker id → shipments, truck plate blind index → shipments) so any node can
 * route an event to its shipments. Every change runs as an entry processor on the key's owner;
 * maps have the cluster's synchronous backups, so a member that dies loses no state. Async calls
 * complete on {@code callbacks}, never on Hazelcast's threads or the common pool.
 */
public final class MonitorStore {

  /** Map of shipment id → monitor state. */
  public static final String MONITORS = "corridor.cargo.monitors";
  /** Map of tracker id → ids of shipments in transit it is fitted to. */
  public static final String TRACKERS = "corridor.cargo.trackers";
  /** Map of base64 truck plate blind index → ids of shipments in transit. */
  public static final String PLATES = "corridor.cargo.plates";

  /** How long a release or end waits for every member's copy of the tracker index. */
  private static final Duration SYNC_WAIT = Duration.ofSeconds(20);

  private final HazelcastInstance hazelcast;
  private final IMap<String, MonitorState> monitors;
  private final IMap<String, HashSet<String>> trackers;
  private final IMap<String, HashSet<String>> plates;
  private final IndexCopy trackerCopy;
  private final IndexCopy plateCopy;
  private final Duration reorderWindow;
  private final Executor callbacks;
  private final Counter fixes;
  private final Counter batches;
  private final Counter operations;
  private final Counter operationKeys;

  /** Opens the maps on {@code hazelcast} with {@code backups} synchronous backups. */
  public MonitorStore(HazelcastInstance hazelcast, int backups, Duration reorderWindow, Executor callbacks) {
    this(hazelcast, backups, reorderWindow, callbacks, new SimpleMeterRegistry());
  }

  /** As above, counting judged fixes in {@code corridor_cargo_fixes_total} on {@code metrics}. */
  public MonitorStore(HazelcastInstance hazelcast, int backups, Duration reorderWindow, Executor callbacks,
      MeterRegistry metrics) {
    // OBJECT format: an entry processor works on the live state instead of deserialising it each time
    hazelcast.getConfig().addMapConfig(new MapConfig(MONITORS).setBackupCount(backups).setInMemoryFormat(InMemoryFormat.OBJECT));
    for (String name : List.of(TRACKERS, PLATES)) {
      // BINARY format: the indexes are read on every fix and plate read and changed only at release and
      // end; a get from an OBJECT map serialises the stored set and deserialises it again, from BINARY
      // it only deserialises
      hazelcast.getConfig().addMapConfig(new MapConfig(name).setBackupCount(backups).setInMemoryFormat(InMemoryFormat.BINARY));
    }
    this.hazelcast = hazelcast;
    this.monitors = hazelcast.getMap(MONITORS);
    this.trackers = hazelcast.getMap(TRACKERS);
    this.plates = hazelcast.getMap(PLATES);
    this.reorderWindow = reorderWindow;
    this.callbacks = callbacks;
    this.trackerCopy = new IndexCopy(hazelcast, trackers, IndexCopy.TRACKERS, callbacks);
    this.plateCopy = new IndexCopy(hazelcast, plates, IndexCopy.PLATES, callbacks);
    this.fixes = Counter.builder("corridor_cargo_fixes_total")
        .description("Fixes judged by a shipment's monitor (one per shipment the tracker is fitted to)").register(metrics);
    this.batches = Counter.builder("corridor_cargo_judging_batches_total")
        .description("Batches of fixes judged together (see FixBatches)").register(metrics);
    this.operations = Counter.builder("corridor_cargo_judging_operations_total")
        .description("Hazelcast operations that judged the fixes of a batch").register(metrics);
    this.operationKeys = Counter.builder("corridor_cargo_judging_keys_total")
        .description("Shipments judged by those operations (keys per operation: this over the operations)").register(metrics);
  }

  /** Starts monitoring a released shipment and indexes its trackers and truck plate. */
  public CompletionStage<Boolean> start(MonitorPlan plan, byte[] plateHash, Instant at) {
    return start(plan, plateHash, at, List.of());
  }

  /**
   * {@link #start(MonitorPlan, byte[], Instant)}, a monitor not running yet continuing {@code open},
   * the shipment's alerts stored open (see {@link MonitorState#MonitorState(MonitorPlan, Instant, List)}).
   */
  public CompletionStage<Boolean> start(MonitorPlan plan, byte[] plateHash, Instant at, List<CargoAlert> open) {
    String id = plan.shipmentId();
    List<CompletableFuture<?>> steps = new ArrayList<>();
    for (String tracker : plan.trackers()) {
      steps.add(trackers.submitToKey(tracker, new MonitorProcessors.Index(id, true)).toCompletableFuture());
    }
    steps.add(plates.submitToKey(key(plateHash), new MonitorProcessors.Index(id, true)).toCompletableFuture());
    CompletableFuture<Boolean> started = monitors.submitToKey(id, new MonitorProcessors.Start(plan, at, open)).toCompletableFuture();
    steps.add(started);
    // answered only once every member's copies of the tracker and plate indexes have the shipment (see IndexCopy)
    return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
        .thenComposeAsync(v -> syncEverywhere(plan.trackers(), plateHash), callbacks)
        .thenApply(v -> started.join());
  }

  /** Ends monitoring: judges what is held back, closes every episode and takes the shipment out of the indexes. */
  public CompletionStage<List<AlertChange>> end(String shipmentId, Set<String> trackerIds, byte[] plateHash, Instant at) {
    List<CompletableFuture<?>> steps = new ArrayList<>();
    for (String tracker : trackerIds) {
      steps.add(trackers.submitToKey(tracker, new MonitorProcessors.Index(shipmentId, false)).toCompletableFuture());
    }
    steps.add(plates.submitToKey(key(plateHash), new MonitorProcessors.Index(shipmentId, false)).toCompletableFuture());
    CompletableFuture<ArrayList<AlertChange>> ended = monitors
        .submitToKey(shipmentId, new MonitorProcessors.End(reorderWindow, at)).toCompletableFuture();
    steps.add(ended);
    return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
        .thenComposeAsync(v -> syncEverywhere(trackerIds, plateHash), callbacks)
        .thenApply(v -> outbox(ended.join()));
  }

  /** Has every member read the index entries a release or end changed. */
  private CompletableFuture<Void> syncEverywhere(Set<String> trackerIds, byte[] plateHash) {
    return CompletableFuture.allOf(trackerCopy.syncEverywhere(trackerIds, SYNC_WAIT),
        plateCopy.syncEverywhere(Set.of(key(plateHash)), SYNC_WAIT));
  }

  /** The shipments in transit tracker {@code trackerId} is fitted to. */
  public CompletionStage<Set<String>> shipmentsOfTracker(String trackerId) {
    return CompletableFuture.completedFuture(trackerCopy.shipmentsOf(trackerId));
  }

  /**
   * The shipments in transit each of {@code trackerIds} is fitted to, trackers fitted to none left
   * out: from this member's copy of the index ({@link IndexCopy}), no Hazelcast operation.
   */
  public Map<String, Set<String>> shipmentsOfTrackers(Set<String> trackerIds) {
    Map<String, Set<String>> found = new HashMap<>();
    for (String tracker : trackerIds) {
      Set<String> ids = trackerCopy.shipmentsOf(tracker);
      if (!ids.isEmpty()) {
        found.put(tracker, ids);
      }
    }
    return found;
  }

  /**
   * The shipments in transit whose truck plate has blind index {@code plateHash}: from this
   * member's copy of the plate index ({@link IndexCopy}), so the plate read of a car that carries no
   * shipment (nearly all of them) costs no Hazelcast operation; completes at once.
   */
  public CompletionStage<Set<String>> shipmentsOfPlate(byte[] plateHash) {
    return CompletableFuture.completedFuture(plateCopy.shipmentsOf(key(plateHash)));
  }

  /** Judges a fix; completes with the shipment's outbox. */
  public CompletionStage<ArrayList<AlertChange>> fix(String shipmentId, TrackPoint p, Instant now) {
    return monitors.submitToKey(shipmentId, new MonitorProcessors.Fix(p, reorderWindow, now))
        .thenApplyAsync(r -> {
          fixes.increment();
          return outbox(r);
        }, callbacks);
  }

  /**
   * Judges the fixes of several shipments, each shipment's in list order: one operation per
   * shipment, all in flight at once, and no callback: the caller waits (blocking; call from a
   * worker). Not one {@code submitToKeys}: its operation on each partition tests every key of the
   * call, which costs the square of the batch's size.
   *
   * @return the outbox of each shipment that has one; shipments with an empty outbox are left out
   * @throws java.util.concurrent.ExecutionException when a shipment's operation failed
   * @throws java.util.concurrent.TimeoutException when one was not answered within {@code timeout}
   */
  public Map<String, ArrayList<AlertChange>> fixes(Map<String, List<TrackPoint>> byShipment, Instant now, Duration timeout)
      throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
    Map<String, CompletableFuture<ArrayList<AlertChange>>> judged = new HashMap<>();
    byShipment.forEach((id, points) -> judged.put(id,
        monitors.submitToKey(id, new MonitorProcessors.Fixes(points, reorderWindow, now)).toCompletableFuture()));
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, ArrayList<AlertChange>> outboxes = new HashMap<>();
    for (Map.Entry<String, CompletableFuture<ArrayList<AlertChange>>> j : judged.entrySet()) {
      ArrayList<AlertChange> outbox = j.getValue().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
      if (outbox != null && !outbox.isEmpty()) {
        outboxes.put(j.getKey(), outbox);
      }
    }
    fixes.increment(byShipment.values().stream().mapToInt(List::size).sum());
    batches.increment();
    operations.increment(judged.size());
    operationKeys.increment(byShipment.size());
    return outboxes;
  }

  /** Judges a plate read; completes with the shipment's outbox. */
  public CompletionStage<ArrayList<AlertChange>> sighting(String shipmentId, PlateSighting s, Instant now) {
    return monitors.submitToKey(shipmentId, new MonitorProcessors.Sighting(s, reorderWindow, now))
        .thenApplyAsync(MonitorStore::outbox, callbacks);
  }

  /**
   * Ticks every shipment this member owns (blocking); returns each one's outbox. One call per
   * partition ({@link PartitionedKeys}): a single {@code executeOnKeys} over all of them hashed
   * every key on every partition, the square of the shipments per member.
   */
  public Map<String, ArrayList<AlertChange>> tickLocal(Instant now) {
    Set<String> local = monitors.localKeySet();
    if (local.isEmpty()) {
      return Map.of();
    }
    Map<String, ArrayList<AlertChange>> answers = PartitionedKeys.executeOnKeys(hazelcast, monitors, local,
        new MonitorProcessors.Tick(reorderWindow, now));
    Map<String, ArrayList<AlertChange>> outboxes = new java.util.HashMap<>();
    local.forEach(id -> outboxes.put(id, outbox(answers.get(id))));
    return outboxes;
  }

  /** Removes stored changes from the shipment's outbox. */
  public CompletionStage<Boolean> acknowledge(String shipmentId, List<AlertChange> stored) {
    return monitors.submitToKey(shipmentId, new MonitorProcessors.Ack(stored)).thenApplyAsync(r -> r, callbacks);
  }

  /** Whether a shipment is monitored now. */
  public boolean monitored(String shipmentId) {
    return monitors.containsKey(shipmentId);
  }

  /** The state of a shipment, a copy (tests, diagnostics). */
  public MonitorState state(String shipmentId) {
    return monitors.get(shipmentId);
  }

  /** A judging processor's answer: the outbox, null when empty. */
  private static ArrayList<AlertChange> outbox(ArrayList<AlertChange> answer) {
    return answer == null ? new ArrayList<>() : answer;
  }

  private static String key(byte[] plateHash) {
    return Base64.getEncoder().encodeToString(plateHash);
  }
}
