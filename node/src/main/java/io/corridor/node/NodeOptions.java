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

  /** Every key declared here. */
  public static final List<ConfigKey> KEYS = List.of(HTTP_HOST, HTTP_PORT, HTTP_INSTANCES, CLUSTER_NAME,
      CLUSTER_HOST, CLUSTER_PORT, CLUSTER_MEMBERS, CLUSTER_BACKUPS);

  private final String httpHost;
  private final int httpPort;
  private final int httpInstances;
  private final String clusterName;
  private final String clusterHost;
  private final int clusterPort;
  private final List<String> clusterMembers;
  private final int backupCount;

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
  }

  public String httpHost() { return httpHost; }

  public int httpPort() { return httpPort; }

  public int httpInstances() { return httpInstances; }

  public String clusterName() { return clusterName; }

  public String clusterHost() { return clusterHost; }

  public int clusterPort() { return clusterPort; }

  public List<String> clusterMembers() { return clusterMembers; }

  public int backupCount() { return backupCount; }
}
