package io.corridor.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

/**
 * Hazelcast member configuration: TCP join on the configured members, or Kubernetes discovery
 * through the DNS of a headless Service (built into Hazelcast; DNS mode needs no API access or
 * RBAC); multicast and auto-detection always off, no phone-home, one backup per partition,
 * Hazelcast's own metrics off unless {@code cluster.hazelcast-metrics} asks for them.
 */
public final class ClusterConfig {

  private ClusterConfig() {}

  /** The member configuration for {@code options}. */
  public static Config of(NodeOptions options) {
    // Start from Vert.x's own member config: it declares the maps its event bus needs.
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(options.clusterName());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(options.clusterPort()).setPortAutoIncrement(true).setPortCount(20);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (options.kubernetesDiscovery()) {
      // A pod's address is known only at run time: bind what the pod has, announce cluster.host
      // when it is set to the pod IP (CORRIDOR_CLUSTER_HOST from status.podIP), else let Hazelcast pick.
      if (!options.clusterHost().isBlank() && !options.clusterHost().equals("0.0.0.0")) {
        network.setPublicAddress(options.clusterHost());
      }
      config.setProperty("hazelcast.socket.bind.any", "true");
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", options.serviceDns())
          .setProperty("service-port", String.valueOf(options.clusterPort()));
    } else {
      network.getInterfaces().setEnabled(true).addInterface(options.clusterHost());
      join.getTcpIpConfig().setEnabled(true).setMembers(options.clusterMembers());
    }
    config.addMapConfig(new MapConfig("default").setBackupCount(options.backupCount()));
    config.getMetricsConfig().setEnabled(options.hazelcastMetrics());
    return config;
  }
}
