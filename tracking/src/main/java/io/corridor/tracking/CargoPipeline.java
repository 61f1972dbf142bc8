package io.corridor.tracking;

import io.corridor.events.PlateRead;
import io.corridor.events.Position;
import io.corridor.storage.PlateProtector;
import io.corridor.tracking.detect.AlertChange;
import io.corridor.tracking.detect.LatLon;
import io.corridor.tracking.detect.PlateSighting;
import io.corridor.tracking.detect.TrackPoint;
import io.corridor.tracking.detect.TrackPoints;
import io.corridor.tracking.shipments.CargoAlertRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From committed events to stored, published cargo alerts: route a fix or plate read to its
 * shipments through the cluster indexes, judge it on the key's owner, store the outbox
 * (idempotently), publish what changed a row, acknowledge. Each stage catches its own failure,
 * counts it and lets the next event through; an unacknowledged outbox is stored again with the
 * shipment's next event or tick.
 */
public final class CargoPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(CargoPipeline.class);
  /** How long a batch's judging operations may take before its fixes fail (judged again from the outbox). */
  private static final java.time.Duration BATCH_TIMEOUT = java.time.Duration.ofSeconds(20);
  private final MonitorStore store;
  private final CargoAlertRepository alerts;
  private final PlateProtector protector;
  private final Function<String, Optional<LatLon>> cameraPlace;
  private final Executor blocking;
  private final Consumer<AlertChange> publish;
  private final Clock clock;
  private final Counter failures;
  private final Counter judged;
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.ConcurrentHashMap<String, CompletableFuture<Void>> chains =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final FixBatches batches;

  /**
   * Wires the stages. {@code blocking} runs JDBC; {@code publish} sends each stored change to the
   * cluster; under load a judging batch starts at most every {@code judgingInterval} unless
   * {@code judgingBatch} fixes wait, and holds at most that many ({@link CargoOptions#JUDGING_INTERVAL}).
   */
  public CargoPipeline(MonitorStore store, CargoAlertRepository alerts, PlateProtector protector,
      Function<String, Optional<LatLon>> cameraPlace, Executor blocking, Consumer<AlertChange> publish, Clock clock,
      MeterRegistry metrics, java.time.Duration judgingInterval, int judgingBatch) {
    this.store = store;
    this.alerts = alerts;
    this.protector = protector;
    this.cameraPlace = cameraPlace;
    this.blocking = blocking;
    this.publish = publish;
    this.clock = clock;
    this.batches = new FixBatches(blocking, this::judgeBatch, judgingInterval, judgingBatch);
    this.failures = Counter.builder("corridor_cargo_failures_total").description("Cargo events that could not be judged or stored")
        .register(metrics);
    this.judged = Counter.builder("corridor_cargo_judged_total").description("Fixes and plate reads judged for shipments")
        .register(metrics);
    io.micrometer.core.instrument.Gauge.builder("corridor_cargo_in_flight", inFlight, java.util.concurrent.atomic.AtomicInteger::get)
        .description("Fixes and plate reads of this node being routed, judged or stored").register(metrics);
  }

  /** Fixes and plate reads of this node not yet fully judged and stored. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Runs {@code work} after the previous event of the same device on this node, so one tracker's
   * fixes (or one camera's reads) reach the monitors in the order this node received them; the
   * monitor's reorder window only has to cover disorder between nodes and from the devices.
   */
  private CompletionStage<Void> tracked(String device, java.util.function.Supplier<CompletionStage<Void>> work) {
    inFlight.incrementAndGet();
    CompletableFuture<Void> done = new CompletableFuture<>(); // the chain's link: completes even when the work failed
    CompletableFuture<Void> result = new CompletableFuture<>();
    CompletableFuture<Void> previous = chains.put(device, done);
    (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous).whenComplete((v, e) -> {
      CompletionStage<Void> stage;
      try {
        stage = work.get();
      } catch (RuntimeException ex) {
        stage = CompletableFuture.failedFuture(ex);
      }
      stage.whenComplete((r, ex) -> {
        inFlight.decrementAndGet();
        chains.remove(device, done);
        done.complete(null);
        if (ex == null) {
          result.complete(null);
        } else {
          result.completeExceptionally(ex);
        }
      });
    });
    return result;
  }

  /** Judges a committed position for every shipment in transit its tracker is fitted to; failures are counted and logged. */
  public CompletionStage<Void> position(Position p) {
    return judge(p).exceptionally(e -> failed("position " + p.getEventId() + " of " + p.getDeviceId(), e));
  }

  /**
   * Judges a committed position for every shipment in transit its tracker is fitted to. Completes
   * once the monitors took the fix (in the cluster's state, with its backups) and the alert
   * changes it caused are stored; fails otherwise, so the position's outbox row stays and the
   * position is judged again (a fix judged twice changes nothing).
   *
   * <p>Positions are judged in batches ({@link FixBatches}): what arrives while one batch is being
   * judged goes together into the next; a batch is routed by this member's copy of the tracker
   * index and costs one judging operation per shipment in it, awaited on the pool instead of two
   * operations and two callback hops per fix, and one batch at a time keeps each tracker's fixes in
   * the order this node received them. Under load a batch starts at most every judging interval
   * ({@link CargoOptions#JUDGING_INTERVAL}), so that each shipment's operation carries several fixes.
   */
  public CompletionStage<Void> judge(Position p) {
    Optional<TrackPoint> point = TrackPoints.from(p);
    if (point.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    inFlight.incrementAndGet();
    CompletableFuture<Void> done = batches.add(point.get());
    done.whenComplete((v, e) -> inFlight.decrementAndGet());
    return done;
  }

  /**
   * Judges the positions of one commit as {@link #judge} does each, queued together so that they
   * go into the same judging batch; the futures in list order, each failing as {@link #judge}'s.
   */
  public List<CompletableFuture<Void>> judgeAll(List<Position> committed) {
    List<TrackPoint> points = new ArrayList<>(committed.size());
    List<Integer> at = new ArrayList<>(committed.size());
    for (int i = 0; i < committed.size(); i++) {
      Optional<TrackPoint> point = TrackPoints.from(committed.get(i));
      if (point.isPresent()) {
        points.add(point.get());
        at.add(i);
      }
    }
    List<CompletableFuture<Void>> done = new ArrayList<>(java.util.Collections.nCopies(committed.size(),
        CompletableFuture.<Void>completedFuture(null)));
    inFlight.addAndGet(points.size());
    List<CompletableFuture<Void>> queued = batches.addAll(points);
    for (int i = 0; i < queued.size(); i++) {
      queued.get(i).whenComplete((v, e) -> inFlight.decrementAndGet());
      done.set(at.get(i), queued.get(i));
    }
    return done;
  }

  /** Judges one batch of fixes (blocking, on the pool); see {@link FixBatches}. */
  private void judgeBatch(List<FixBatches.Pending> batch) {
    Set<String> trackers = new HashSet<>();
    batch.forEach(f -> trackers.add(f.point().deviceId()));
    Map<String, Set<String>> shipmentsOf;
    Map<String, List<TrackPoint>> byShipment = new HashMap<>();
    Map<String, ArrayList<AlertChange>> outboxes;
    try {
      shipmentsOf = store.shipmentsOfTrackers(trackers);
      for (FixBatches.Pending f : batch) {
        for (String id : shipmentsOf.getOrDefault(f.point().deviceId(), Set.of())) {
          byShipment.computeIfAbsent(id, k -> new ArrayList<>()).add(f.point());
        }
      }
      outboxes = byShipment.isEmpty() ? Map.of() : store.fixes(byShipment, clock.instant(), BATCH_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      batch.forEach(f -> f.done().completeExceptionally(e));
      return;
    } catch (Exception e) {
      batch.forEach(f -> f.done().completeExceptionally(e));
      return;
    }
    if (outboxes.isEmpty()) {
      batch.forEach(f -> f.done().complete(null)); // nearly every batch: nothing changed
      return;
    }
    Map<String, CompletableFuture<Void>> settled = new HashMap<>();
    outboxes.forEach((id, outbox) -> settled.put(id, settle(id, outbox).toCompletableFuture()));
    for (FixBatches.Pending f : batch) {
      List<CompletableFuture<Void>> mine = new ArrayList<>();
      for (String id : shipmentsOf.getOrDefault(f.point().deviceId(), Set.of())) {
        CompletableFuture<Void> s = settled.get(id);
        if (s != null) {
          mine.add(s);
        }
      }
      CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
        if (e == null) {
          f.done().complete(null);
        } else {
          f.done().completeExceptionally(e);
        }
      });
    }
  }

  /** Judges a committed plate read for every shipment in transit whose truck plate it is (matched by blind index). */
  public CompletionStage<Void> read(PlateRead r) {
    return judgeRead(r).<Void>thenApply(truck -> null).exceptionally(e -> failed("plate read " + r.getEventId(), e));
  }

  /**
   * Judges a committed plate read for every shipment in transit whose truck plate it is. Completes
   * with whether it was a shipment's truck plate (only then does the read have a cargo outbox row)
   * once the monitors took it and the alert changes it caused are stored; fails otherwise, so its
   * outbox row stays and the read is judged again (the monitor ignores a read it holds).
   */
  public CompletionStage<Boolean> judgeRead(PlateRead r) {
    byte[] hash = protector.hash(r.getPlate());
    java.util.concurrent.atomic.AtomicBoolean truck = new java.util.concurrent.atomic.AtomicBoolean();
    return tracked(r.getDeviceId(), () -> store.shipmentsOfPlate(hash).thenCompose(ids -> {
      if (ids.isEmpty()) {
        return CompletableFuture.completedFuture(null); // nearly every read: not a shipment's truck
      }
      truck.set(true);
      return CompletableFuture.supplyAsync(() -> r.getLocation() != null
          ? Optional.of(new LatLon(r.getLocation().getLat(), r.getLocation().getLon()))
          : cameraPlace.apply(r.getDeviceId()), blocking).thenCompose(at -> {
            if (at.isEmpty()) {
              return CompletableFuture.completedFuture(null); // a camera with no known place cannot be compared
            }
            PlateSighting sighting = new PlateSighting(r.getEventId(), r.getDeviceId(), r.getEventTime(), at.get());
            return all(ids.stream()
                .map(id -> store.sighting(id, sighting, clock.instant()).thenCompose(outbox -> settle(id, outbox))).toList());
          });
    })).thenApply(v -> truck.get());
  }

  /** Ticks the shipments this member owns (blocking; call from a worker). */
  public void tick() {
    Map<String, ArrayList<AlertChange>> outboxes = store.tickLocal(clock.instant());
    outboxes.forEach((id, outbox) -> {
      if (outbox != null && !outbox.isEmpty()) {
        settle(id, outbox).toCompletableFuture().exceptionally(e -> failed("tick of " + id, e));
      }
    });
  }

  /** Stores, publishes and acknowledges a shipment's outbox. */
  public CompletionStage<Void> settle(String shipmentId, List<AlertChange> outbox) {
    if (outbox.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    judged.increment();
    return CompletableFuture.supplyAsync(() -> {
      try {
        return alerts.apply(outbox, clock.instant());
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cargo alerts of " + shipmentId + " not stored: " + e.getMessage(), e);
      }
    }, blocking).thenCompose(applied -> {
      applied.forEach(publish);
      return store.acknowledge(shipmentId, outbox);
    }).thenApply(ok -> null);
  }

  private Void failed(String what, Throwable e) {
    failures.increment();
    LOG.warn("cargo: {} not judged: {}", what, e.getMessage());
    return null;
  }

  private static CompletionStage<Void> all(List<CompletionStage<Void>> stages) {
    return CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new));
  }
}
