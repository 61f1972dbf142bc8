package io.corridor.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

/**
 * Hazelcast member configuration: TCP join on the configured members, multicast and auto-detection
 * off, no phone-home, one backup per partition.
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
    network.getInterfaces().setEnabled(true).addInterface(options.clusterHost());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(options.clusterMembers());
    config.addMapConfig(new MapConfig("default").setBackupCount(options.backupCount()));
    return config;
  }
}
