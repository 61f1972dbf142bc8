package io.corridor.rules.engine;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.corridor.testkit.FreePorts;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Real embedded Hazelcast members on loopback, joined by TCP under a cluster name of their own. */
final class Members {

  private Members() {}

  /** Starts {@code n} members of one new cluster, one synchronous backup per partition. */
  static List<HazelcastInstance> start(int n) {
    String cluster = "rules-test-" + UUID.randomUUID();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ports.add(FreePorts.next());
    }
    List<HazelcastInstance> members = new ArrayList<>();
    for (int port : ports) {
      Config config = new Config().setClusterName(cluster);
      config.setProperty("hazelcast.phone.home.enabled", "false");
      config.setProperty("hazelcast.logging.type", "slf4j");
      config.setProperty("hazelcast.wait.seconds.before.join", "0");
      config.setProperty("hazelcast.shutdownhook.enabled", "false");
      NetworkConfig network = config.getNetworkConfig();
      network.setPort(port).setPortAutoIncrement(false);
      network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
      JoinConfig join = network.getJoin();
      join.getMulticastConfig().setEnabled(false);
      join.getAutoDetectionConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true);
      ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
      members.add(Hazelcast.newHazelcastInstance(config));
    }
    return members;
  }
}
