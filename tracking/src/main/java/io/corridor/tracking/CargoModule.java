package io.corridor.tracking;

import io.corridor.config.ConfigKey;
import io.corridor.events.bus.BusAddresses;
import io.corridor.platform.CorridorModule;
import io.corridor.platform.ModuleParts;
import io.corridor.platform.NodeContext;
import io.corridor.platform.cluster.MemberDepartures;
import io.corridor.storage.StorageOptions;
import io.corridor.storage.hold.LegalHolds;
import io.corridor.storage.outbox.DepartedLeases;
import io.corridor.tracking.detect.Place;
import io.corridor.tracking.http.CargoAlertStream;
import io.corridor.tracking.http.ShipmentRoutes;
import io.corridor.tracking.http.ShipmentViews;
import io.corridor.tracking.positions.OutboxGroup;
import io.corridor.tracking.positions.PositionOutboxSink;
import io.corridor.tracking.shipments.AlertAcknowledgements;
import io.corridor.tracking.shipments.CargoAlertRepository;
import io.corridor.tracking.shipments.ShipmentHolds;
import io.corridor.tracking.shipments.ShipmentRepository;
import io.corridor.tracking.shipments.TrackQueries;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Cargo: customs shipments, their cluster-wide monitors and alerts. Wires the shipment API, the
 * alert stream, the pipeline from committed positions and plate reads to alerts, and the verticle
 * that feeds it.
 */
public final class CargoModule implements CorridorModule {

  @Override
  public String name() {
    return "cargo";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return java.util.stream.Stream.of(CargoOptions.KEYS, CargoOutboxOptions.KEYS,
        io.corridor.tracking.retention.CargoRetentionOptions.KEYS).flatMap(List::stream).toList();
  }

  @Override
  public ModuleParts wire(NodeContext node) {
    CargoOptions options = new CargoOptions(node.settings());
    List<Place> borders = BorderCrossings.load(options.bordersFile());
    // JDBC of alert writes and the Hazelcast callbacks run here, never on event loops or the common pool;
    // when full, work is refused (counted, and an unstored outbox is stored with the next event or tick)
    // rather than run on the caller, which may be an event loop
    ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(20_000),
        Thread.ofPlatform().name("cargo-", 0).daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
    int backups = node.hazelcast().getConfig().findMapConfig("default").getBackupCount();
    MonitorStore store = new MonitorStore(node.hazelcast(), backups, options.reorderWindow(), pool, node.metrics());
    CargoAlertRepository alerts = new CargoAlertRepository(node.database().dataSource());
    CameraPlaces cameras = new CameraPlaces(node.database().dataSource());
    CargoPipeline pipeline = new CargoPipeline(store, alerts, node.protector(), cameras::find, pool,
        change -> node.vertx().eventBus().publish(BusAddresses.CARGO_ALERTS,
            ShipmentViews.alert(change.alert()).put("change", change.raised() ? "raised" : "closed")),
        node.clock(), node.metrics(), options.judgingInterval(), options.judgingBatch());
    ShipmentService service = new ShipmentService(new ShipmentRepository(node.database().dataSource(), node.protector()),
        store, alerts, pipeline, options, borders, node.protector(), node.clock());
    LegalHolds legalHolds = new LegalHolds(node.database().dataSource(), node.audit(),
        new StorageOptions(node.settings()).evidenceRetention(), node.clock());
    ShipmentHolds holds = new ShipmentHolds(node.database().dataSource(), legalHolds, node.audit(), node.protector(),
        node.clock());
    ShipmentRoutes routes = new ShipmentRoutes(node.users(), service, alerts, new TrackQueries(node.database().dataSource()),
        holds, new AlertAcknowledgements(node.database().dataSource(), node.audit(), node.protector(), node.clock()),
        node.audit(), node.clock());
    CargoAlertStream stream = new CargoAlertStream(node.users(), node.audit(), alerts, node.metrics());
    CargoOutboxOptions outboxOptions = new CargoOutboxOptions(node.settings());
    String owner = node.hazelcast().getCluster().getLocalMember().getUuid().toString();
    // The plate reads of shipments' trucks leave a cargo outbox row beside each read, leased to this node.
    node.readOutboxes().add(new TruckReadOutbox(node.protector(), owner, outboxOptions.lease(), node.clock()));
    CargoOutbox outbox = new CargoOutbox(node.database().dataSource(), p -> pipeline.judge(p).toCompletableFuture(),
        pipeline::judgeAll, r -> pipeline.judgeRead(r).toCompletableFuture(), node.protector(), outboxOptions, owner,
        node.clock(), node.metrics());
    ModuleParts parts = new ModuleParts();
    if (outboxOptions.consume()) {
      parts.verticle(new CargoOutboxVerticle(outbox, outboxOptions.poll()));
    }
    // A member that dies leaves its stored, unjudged positions and truck reads leased to it: end those
    // leases when it leaves, so they are judged at the next poll rather than after tracking.outbox.lease.
    DepartedLeases departed = new DepartedLeases(node.database().dataSource(), node.clock(),
        List.of(PositionOutboxSink.TABLE, OutboxGroup.TABLE));
    parts.onClose(MemberDepartures.watch(node.hazelcast(), "cargo", member -> departed.release(member.toString())));
    return parts
        .verticle(new CargoVerticle(pipeline, service, cameras, options.tickInterval()))
        .routes(routes::mount)
        .routes(stream::mount)
        .onClose(pool::shutdown);
  }
}
