package io.corridor.tracking.positions;

import io.corridor.config.ConfigKey;
import io.corridor.ingest.IngestOptions;
import io.corridor.platform.CorridorModule;
import io.corridor.platform.ModuleParts;
import io.corridor.platform.NodeContext;
import io.corridor.storage.PartitionMaintenance;
import io.corridor.storage.StorageOptions;
import io.corridor.tracking.drones.DroneServices;
import io.corridor.tracking.mqtt.MqttVerticle;
import io.corridor.tracking.osmand.OsmAndVerticle;
import io.vertx.core.DeploymentOptions;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Positions in, the way real devices send them: {@code POST /v1/positions} on the node's HTTP
 * port, the OsmAnd/Traccar protocol on {@code tracking.osmand.port}, and the MQTT server for
 * trackers, OwnTracks and drones on {@code mqtt.port}. Every position is acknowledged only after
 * commit, which includes its group's {@code cargo_outbox_groups} row, and then published, one message per commit,
 * on {@code corridor.positions.stored} for the cargo detectors.
 */
public final class PositionsModule implements CorridorModule {

  private static final Logger LOG = LoggerFactory.getLogger(PositionsModule.class);
  /** Event loops serving the OsmAnd and MQTT ports (Vert.x spreads connections over them): one per core, up to 4. */
  private static final int SERVER_INSTANCES = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  @Override
  public String name() {
    return "positions";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return TrackingOptions.KEYS;
  }

  @Override
  public ModuleParts wire(NodeContext node) throws Exception {
    TrackingOptions tracking = new TrackingOptions(node.settings());
    IngestOptions ingest = new IngestOptions(node.settings());
    StorageOptions storage = new StorageOptions(node.settings());
    PartitionMaintenance partitions = new PartitionMaintenance(node.database().dataSource(), storage.retention(),
        storage.partitionsAhead(), ingest.maxAge(), node.clock());
    // Every stored position leaves a cargo outbox row, leased to this node (see PositionOutboxSink).
    PositionOutboxSink sink = new PositionOutboxSink(PositionRows.sink(),
        node.hazelcast().getCluster().getLocalMember().getUuid().toString(),
        new io.corridor.tracking.CargoOutboxOptions(node.settings()).lease(), node.clock());
    TrackingServices services = new TrackingServices(node.vertx(), node.database().dataSource(), node.devices(),
        tracking, ingest, () -> repair(partitions), node.metrics(), node.clock(), sink);
    ModuleParts parts = new ModuleParts().onClose(services);
    try {
      DroneServices drones = new DroneServices(node.vertx(), node.database().dataSource(), node.devices(), node.protector(),
          tracking, ingest, node.frames(), () -> repair(partitions), node.metrics(), node.clock(), node.readOutboxes());
      parts.onClose(drones);
      drones.route(services.mqtt());
      services.reloadLegacy();
      parts.verticle(new LegacyReloadVerticle(services, ingest.deviceReload()));
      parts.routes(services.routes()::mount);
      if (tracking.osmandPort() >= 0) {
        parts.verticle(() -> new OsmAndVerticle(tracking.osmandHost(), tracking.osmandPort(), ingest.maxBodyBytes(),
            tracking.osmandTls(), services.osmand(), port -> LOG.info("OsmAnd protocol on {}://{}:{}",
                tracking.osmandTls().enabled() ? "https" : "http", tracking.osmandHost(), port)),
            new DeploymentOptions().setInstances(SERVER_INSTANCES));
      }
      if (tracking.mqttPort() >= 0) {
        parts.verticle(() -> new MqttVerticle(tracking.mqttHost(), tracking.mqttPort(), tracking.mqttMaxMessageBytes(),
            tracking.mqttTls(), services.authenticator(), services.mqtt(), node.metrics(),
            port -> LOG.info("MQTT for trackers and drones on {}:{} ({})", tracking.mqttHost(), port,
                tracking.mqttTls().enabled() ? "TLS" : "plain")),
            new DeploymentOptions().setInstances(SERVER_INSTANCES));
      }
      return parts;
    } catch (Exception | Error e) {
      services.close();
      throw e;
    }
  }

  private static void repair(PartitionMaintenance partitions) {
    try {
      partitions.run();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create missing partitions", e);
    }
  }
}
