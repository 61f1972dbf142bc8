package io.corridor.node;

import io.corridor.config.ConfigException;
import io.corridor.config.ConfigKey;
import io.corridor.config.Settings;
import java.util.Arrays;
import java.util.List;

/** HTTP and cluster settings of one node. */
public final class NodeOptions {

  /** Address the HTTP server binds. */
  public static final ConfigKey HTTP_HOST = new ConfigKey("http.host", "127.0.0.1",
      "Address the HTTP server binds (0.0.0.0 in a container)");
  /** HTTP port. */
  public static final ConfigKey HTTP_PORT = new ConfigKey("http.port", "8080", "HTTP port (0: any free port)");
  /** HTTP server instances (event loops used). */
  public static final ConfigKey HTTP_INSTANCES = new ConfigKey("http.instances", "2",
      "HTTP verticle instances; one per core is usual");
  /** Hazelcast cluster name. */
  public static final ConfigKey CLUSTER_NAME = new ConfigKey("cluster.name", "corridor",
      "Hazelcast cluster name; nodes with the same name and reachable members form one cluster");
  /** Hazelcast member host. */
  public static final ConfigKey CLUSTER_HOST = new ConfigKey("cluster.host", "127.0.0.1",
      "Address this node's Hazelcast member binds and announces");
  /** Hazelcast member port. */
  public static final ConfigKey CLUSTER_PORT = new ConfigKey("cluster.port", "5701",
      "First Hazelcast port tried; the next free one up to +20 is taken");
  /** Members to join by TCP. */
  public static final ConfigKey CLUSTER_MEMBERS = new ConfigKey("cluster.members", "127.0.0.1",
      "Comma-separated member addresses to join over TCP (no ports); multicast is never used");
  /** Backups of each partition of cluster state. */
  public static final ConfigKey CLUSTER_BACKUPS = new ConfigKey("cluster.backup-count", "1",
      "Synchronous backups of each piece of cluster state, so a node that dies loses nothing");

  /** How members find each other. */
  public static final ConfigKey CLUSTER_DISCOVERY = new ConfigKey("cluster.discovery", "tcp",
      "tcp: join the cluster.members list; kubernetes: find members through the DNS of a headless Service (cluster.kubernetes.service-dns)");
  /** DNS name of the headless Service that lists the members, for Kubernetes discovery. */
  public static final ConfigKey CLUSTER_SERVICE_DNS = new ConfigKey("cluster.kubernetes.service-dns", "",
      "With cluster.discovery=kubernetes: the headless Service's DNS name, e.g. corridor-hz.corridor.svc.cluster.local");
  /** Event bus port between nodes. */
  public static final ConfigKey CLUSTER_BUS_PORT = new ConfigKey("cluster.bus-port", "0",
      "TCP port of the Vert.x event bus between nodes (0: any free port; fix it where a firewall or NetworkPolicy must name it)");

  /** Whether Vert.x runs on Netty's native epoll transport rather than the JDK's NIO selector. */
  public static final ConfigKey NATIVE_TRANSPORT = new ConfigKey("vertx.native-transport", "false",
      "true: HTTP, OsmAnd, MQTT and the event bus on Netty's native epoll transport where its library loads"
          + " (Linux x86-64), else on NIO, said in the log; false: the JDK's NIO selector (measured no cheaper per"
          + " fix, see docs/benchmarks.md). Hazelcast's own networking is not affected");

  /**
   * Whether Hazelcast collects its own metrics. Corridor's {@code /metrics} does not read them; they
   * feed Hazelcast's JMX beans and Management Center. Collected, they cost every member a pass over
   * all of Hazelcast's probes every 5 s, and on a loaded node the JIT compiling that pass (docs/benchmarks.md).
   */
  public static final ConfigKey HAZELCAST_METRICS = new ConfigKey("cluster.hazelcast-metrics", "false",
      "true: Hazelcast collects its own metrics every 5 s (its JMX beans, Management Center) for diagnosing the"
          + " cluster; false: not collected (Corridor's /metrics does not use them)");

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(HTTP_HOST, HTTP_PORT, HTTP_INSTANCES, CLUSTER_NAME,
      CLUSTER_HOST, CLUSTER_PORT, CLUSTER_MEMBERS, CLUSTER_BACKUPS, CLUSTER_DISCOVERY, CLUSTER_SERVICE_DNS,
      CLUSTER_BUS_PORT, HAZELCAST_METRICS, NATIVE_TRANSPORT);

  private final String httpHost;
  private final int httpPort;
  private final int httpInstances;
  private final String clusterName;
  private final String clusterHost;
  private final int clusterPort;
  private final List<String> clusterMembers;
  private final int backupCount;
  private final boolean kubernetesDiscovery;
  private final String serviceDns;
  private final int busPort;
  private final boolean nativeTransport;
  private final boolean hazelcastMetrics;

  /** Reads and validates the node keys. */
  public NodeOptions(Settings s) {
    httpHost = s.require(HTTP_HOST);
    httpPort = s.getInt(HTTP_PORT);
    if (httpPort < 0 || httpPort > 65535) {
      throw new ConfigException(HTTP_PORT, String.valueOf(httpPort), "must be 0..65535");
    }
    httpInstances = s.getPositiveInt(HTTP_INSTANCES);
    clusterName = s.require(CLUSTER_NAME);
    clusterHost = s.require(CLUSTER_HOST);
    clusterPort = s.getPositiveInt(CLUSTER_PORT);
    clusterMembers = Arrays.stream(s.require(CLUSTER_MEMBERS).split(",")).map(String::trim)
        .filter(m -> !m.isEmpty()).toList();
    for (String member : clusterMembers) {
      if (member.contains(":") && member.contains("-")) {
        throw new ConfigException(CLUSTER_MEMBERS, member, "port ranges are not accepted; give the address alone");
      }
    }
    backupCount = s.getInt(CLUSTER_BACKUPS);
    if (backupCount < 0 || backupCount > 6) {
      throw new ConfigException(CLUSTER_BACKUPS, String.valueOf(backupCount), "must be 0..6");
    }
    String discovery = s.require(CLUSTER_DISCOVERY);
    if (!discovery.equals("tcp") && !discovery.equals("kubernetes")) {
      throw new ConfigException(CLUSTER_DISCOVERY, discovery, "must be tcp or kubernetes");
    }
    kubernetesDiscovery = discovery.equals("kubernetes");
    serviceDns = s.get(CLUSTER_SERVICE_DNS).trim();
    if (kubernetesDiscovery && serviceDns.isEmpty()) {
      throw new ConfigException(CLUSTER_SERVICE_DNS, "", "is required with cluster.discovery=kubernetes");
    }
    busPort = s.getInt(CLUSTER_BUS_PORT);
    if (busPort < 0 || busPort > 65535) {
      throw new ConfigException(CLUSTER_BUS_PORT, String.valueOf(busPort), "must be 0..65535");
    }
    nativeTransport = s.getBoolean(NATIVE_TRANSPORT);
    hazelcastMetrics = s.getBoolean(HAZELCAST_METRICS);
  }

  public String httpHost() { return httpHost; }

  public int httpPort() { return httpPort; }

  public int httpInstances() { return httpInstances; }

  public String clusterName() { return clusterName; }

  public String clusterHost() { return clusterHost; }

  public int clusterPort() { return clusterPort; }

  public List<String> clusterMembers() { return clusterMembers; }

  public int backupCount() { return backupCount; }

  /** Whether members are found through Kubernetes DNS rather than the TCP member list. */
  public boolean kubernetesDiscovery() { return kubernetesDiscovery; }

  /** The headless Service DNS name for Kubernetes discovery (empty with TCP discovery). */
  public String serviceDns() { return serviceDns; }

  /** Event bus port; 0 for any free one. */
  public int busPort() { return busPort; }

  /** Whether Hazelcast collects its own metrics ({@link #HAZELCAST_METRICS}). */
  public boolean hazelcastMetrics() { return hazelcastMetrics; }

  /** Whether the native transport is asked for ({@link NetworkTransport} says whether it runs). */
  public boolean nativeTransport() { return nativeTransport; }
}
