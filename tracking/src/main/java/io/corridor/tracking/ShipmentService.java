package io.corridor.tracking;

import io.corridor.storage.PlateProtector;
import io.corridor.tracking.detect.AlertChange;
import io.corridor.tracking.detect.CargoAlert;
import io.corridor.tracking.detect.Place;
import io.corridor.tracking.http.DeclarationDecoder;
import io.corridor.tracking.shipments.CargoAlertRepository;
import io.corridor.tracking.shipments.Declaration;
import io.corridor.tracking.shipments.ShipmentRepository;
import io.corridor.tracking.shipments.ShipmentState;
import io.corridor.tracking.shipments.ShipmentTransitions;
import io.corridor.tracking.shipments.StoredShipment;
import io.corridor.tracking.shipments.TransitionRecord;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shipment life cycle with its effect on monitoring: a release starts the shipment's monitor in
 * the cluster, an arrival or cancellation ends it (closing every open episode, and every alert of the
 * shipment still stored open). A monitor started again (every member that held it stopped)
 * continues the alerts stored open. The database step commits first; when the cluster step fails it
 * is redone by {@link #reconcile}. Blocking.
 */
public final class ShipmentService {

  private static final Logger LOG = LoggerFactory.getLogger(ShipmentService.class);
  private static final Duration CLUSTER_WAIT = Duration.ofSeconds(10);

  private final ShipmentRepository shipments;
  private final MonitorStore monitors;
  private final CargoAlertRepository alerts;
  private final CargoPipeline pipeline;
  private final CargoOptions options;
  private final List<Place> borders;
  private final PlateProtector protector;
  private final Clock clock;

  /** Wires the service. */
  public ShipmentService(ShipmentRepository shipments, MonitorStore monitors, CargoAlertRepository alerts,
      CargoPipeline pipeline, CargoOptions options, List<Place> borders, PlateProtector protector, Clock clock) {
    this.shipments = shipments;
    this.monitors = monitors;
    this.alerts = alerts;
    this.pipeline = pipeline;
    this.options = options;
    this.borders = List.copyOf(borders);
    this.protector = protector;
    this.clock = clock;
  }

  /** The repository (queries). */
  public ShipmentRepository repository() {
    return shipments;
  }

  /**
   * Applies {@code action}, with {@code audit} written in its transaction; on release starts
   * monitoring, on arrival or cancellation ends it.
   *
   * @return the recorded step, empty when the shipment does not exist
   */
  public Optional<TransitionRecord> transition(String id, ShipmentTransitions.Action action, String actor, String note,
      ShipmentRepository.Audit audit) throws SQLException {
    Instant now = clock.instant();
    Optional<TransitionRecord> step = shipments.transition(id, action, actor, note, now, audit);
    if (step.isPresent()) {
      StoredShipment s = shipments.find(id).orElseThrow();
      try {
        if (step.get().to() == ShipmentState.RELEASED) {
          start(s, now);
        } else if (step.get().from() == ShipmentState.RELEASED) {
          List<AlertChange> outbox = monitors.end(id, new LinkedHashSet<>(s.trackers()), protector.hash(s.truckPlate()), now)
              .toCompletableFuture().get(CLUSTER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
          pipeline.settle(id, closingTheRest(id, outbox, now)).toCompletableFuture()
              .get(CLUSTER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.warn("shipment {}: {} committed but monitoring not updated yet ({}); reconciliation retries", id,
            action.code(), e.toString());
      }
    }
    return step;
  }

  /** Starts monitors that a failed release hand-over missed (every node runs this now and then). */
  public void reconcile() throws SQLException {
    for (String id : shipments.released()) {
      if (!monitors.monitored(id)) {
        shipments.find(id).ifPresent(s -> {
          try {
            start(s, clock.instant());
          } catch (Exception e) {
            LOG.warn("shipment {}: monitor not started: {}", id, e.toString());
          }
        });
      }
    }
  }

  private void start(StoredShipment s, Instant now) throws Exception {
    Declaration d = declaration(s);
    monitors.start(d.plan(s.id(), options.thresholds(d.goods()), borders), protector.hash(s.truckPlate()), now, stillOpen(s.id()))
        .toCompletableFuture().get(CLUSTER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The shipment's alerts stored open: none at its release, its episodes when a lost monitor is started again. */
  private List<CargoAlert> stillOpen(String id) throws SQLException {
    return alerts.forShipment(id).stream().map(CargoAlertRepository.StoredAlert::alert).filter(a -> !a.closed()).toList();
  }

  /**
   * {@code outbox}, the changes the ended monitor made, and a close at {@code now} of every other
   * alert of the shipment still stored open: monitoring ends with none open, even where the
   * monitor that raised them was lost (every member stopped) and the shipment ended before a
   * monitor continuing them was started.
   */
  private List<AlertChange> closingTheRest(String id, List<AlertChange> outbox, Instant now) throws SQLException {
    Set<String> closed = new HashSet<>();
    outbox.stream().filter(c -> !c.raised()).forEach(c -> closed.add(c.alert().id()));
    List<AlertChange> all = new ArrayList<>(outbox);
    for (CargoAlert a : stillOpen(id)) {
      if (!closed.contains(a.id())) {
        Map<String, String> details = new LinkedHashMap<>(a.details());
        details.put("minutes", Long.toString(Duration.between(a.openedAt(), now).toMinutes()));
        all.add(new AlertChange(new CargoAlert(a.id(), a.shipmentId(), a.kind(), a.key(), a.severity(), a.deviceId(),
            a.openedAt(), now, a.reason(), details), false));
      }
    }
    return all;
  }

  /** The validated declaration of a stored shipment. */
  public static Declaration declaration(StoredShipment s) {
    JsonObject json = new JsonObject(s.declarationJson()).put("truckPlate", s.truckPlate());
    if (s.trailerPlate() != null) {
      json.put("trailerPlate", s.trailerPlate());
    }
    return DeclarationDecoder.decode(json);
  }
}
