package io.corridor.load.drill;

import io.corridor.config.Settings;
import io.corridor.platform.devices.DeviceRepository;
import io.corridor.storage.Database;
import io.corridor.storage.StorageOptions;
import io.corridor.testkit.FreePorts;
import io.corridor.testkit.TestKeys;
import io.corridor.testkit.TimescaleAvailability;
import io.corridor.testkit.TimescaleServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code bin/corridor drill}: three nodes (separate JVMs) on loopback over one PostgreSQL, cameras
 * retrying like the edge, and in turn: a node killed with SIGKILL, the database stopped
 * immediately and restarted, a node paused with SIGSTOP past the Hazelcast heartbeat, and a burst
 * that fills the writer queues. After each it prints what was acknowledged, stored, lost and
 * duplicated; exit code 1 if anything acknowledged was lost or stored twice.
 */
public final class Drill {

  /** One fault: what it does, and how the system is healed afterwards. */
  interface Fault {
    void inject() throws Exception;

    void heal() throws Exception;
  }

  private final PrintStream out;
  private final Path workDir;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<DrillReport.Row> rows = new ArrayList<>();
  private TimescaleServer database;
  private Database pool;
  private List<EdgeLoad.Camera> cameras;

  Drill(PrintStream out, Path workDir) {
    this.out = out;
    this.workDir = workDir;
  }

  /** Runs every phase; returns the exit code. */
  int run(Duration phaseLoad) throws Exception {
    try {
      startDatabase();
      startNodes();
      cameras = registerCameras(6);
      Thread.sleep(1500); // every node reloads its device registry each second
      phase("baseline (no fault)", phaseLoad, 1, 20, null);
      phase("SIGKILL node-2, then restart it", phaseLoad, 1, 20, new Fault() {
        public void inject() throws Exception { nodes.get(1).kill(); }

        public void heal() throws Exception { restart(nodes.get(1)); }
      });
      phase("database immediate stop, restart after 5 s", phaseLoad, 1, 20, new Fault() {
        public void inject() throws Exception { database.crash(); Thread.sleep(5000); }

        public void heal() throws Exception { database.restart(); }
      });
      phase("SIGSTOP node-3 for 15 s (heartbeat timeout 8 s), then SIGCONT", phaseLoad, 1, 20, new Fault() {
        public void inject() throws Exception { nodes.get(2).pause(); Thread.sleep(15_000); }

        public void heal() throws Exception {
          nodes.get(2).resume();
          if (!nodes.get(2).awaitReady(3, Duration.ofSeconds(45))) {
            out.println("  node-3 did not rejoin within 45 s of SIGCONT; restarting it");
            nodes.get(2).kill();
            restart(nodes.get(2));
          }
        }
      });
      phase("writer queues full (burst: 8 senders per camera, 400-read batches)", phaseLoad, 8, 400, null);
      DrillReport.print(out, rows);
      boolean ok = rows.stream().allMatch(DrillReport.Row::ok);
      out.println(ok ? "drill passed: nothing acknowledged was lost or stored twice"
          : "drill FAILED: see the rows marked FAIL (logs under " + workDir + ")");
      return ok ? 0 : 1;
    } finally {
      for (NodeProcess node : nodes) {
        node.stop();
      }
      if (pool != null) {
        pool.close();
      }
      if (database != null) {
        database.close();
      }
    }
  }

  private void startDatabase() throws Exception {
    boolean timescale = TimescaleAvailability.unavailableReason().isEmpty();
    out.println("starting PostgreSQL 15" + (timescale ? " with TimescaleDB" : "") + " in " + workDir.resolve("db") + " ...");
    database = TimescaleServer.start(workDir.resolve("db"), FreePorts.next(), timescale);
    database.createDatabase("drill");
  }

  private void startNodes() throws Exception {
    String cluster = "corridor-drill-" + UUID.randomUUID();
    for (int i = 1; i <= 3; i++) {
      Map<String, String> env = new HashMap<>();
      TestKeys.settings().forEach((k, v) -> env.put(envName(k), v));
      env.put("CORRIDOR_DB_URL", database.jdbcUrl("drill"));
      env.put("CORRIDOR_CLUSTER_NAME", cluster);
      env.put("CORRIDOR_HTTP_INSTANCES", "1");
      env.put("CORRIDOR_INGEST_DEVICES_RELOAD_INTERVAL", "1s");
      env.put("CORRIDOR_INGEST_WRITER_QUEUE_CAPACITY", "3000");
      env.put("CORRIDOR_INGEST_WRITE_TIMEOUT", "4s");
      env.put("CORRIDOR_INGEST_RETRY_AFTER", "1s");
      env.put("CORRIDOR_ANPR_ENGINE", "none");
      int port = FreePorts.next();
      env.put("CORRIDOR_HTTP_PORT", String.valueOf(port));
      NodeProcess node = new NodeProcess("node-" + i, port, env, workDir.resolve("node-" + i + ".log"));
      node.start();
      nodes.add(node);
      if (i == 1 && !node.awaitReady(1, Duration.ofSeconds(120))) {
        throw new IllegalStateException("node-1 did not become ready; see " + workDir.resolve("node-1.log"));
      }
    }
    for (NodeProcess node : nodes) {
      if (!node.awaitReady(3, Duration.ofSeconds(120))) {
        throw new IllegalStateException(node.name() + " did not join; see " + workDir.resolve(node.name() + ".log"));
      }
    }
    out.println("3 nodes ready: " + nodes.stream().map(n -> n.base().toString()).toList());
    pool = Database.open(new StorageOptions(Settings.of(Map.of("db.url", database.jdbcUrl("drill")))));
  }

  static String envName(String key) {
    return "CORRIDOR_" + key.toUpperCase().replace('.', '_').replace('-', '_');
  }

  private List<EdgeLoad.Camera> registerCameras(int count) throws SQLException {
    DeviceRepository repo = new DeviceRepository(pool.dataSource());
    List<EdgeLoad.Camera> result = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      EdgeLoad.Camera camera = new EdgeLoad.Camera("cam-drill-" + i, UUID.randomUUID().toString());
      repo.register(camera.id(), "camera", camera.key(), "drill camera " + i, 42.6, 21.1);
      result.add(camera);
    }
    return result;
  }

  private void restart(NodeProcess node) throws Exception {
    node.start();
    if (!node.awaitReady(3, Duration.ofSeconds(120))) {
      throw new IllegalStateException(node.name() + " did not rejoin after restart");
    }
  }

  private void phase(String name, Duration load, int sendersPerCamera, int batch, Fault fault) throws Exception {
    out.println("phase: " + name + " ...");
    List<URI> targets = nodes.stream().map(NodeProcess::base).toList();
    EdgeLoad edge = new EdgeLoad(targets, cameras, batch, Duration.ofMillis(sendersPerCamera > 1 ? 0 : 100),
        Duration.ofSeconds(5)).start(sendersPerCamera);
    Thread.sleep(load.toMillis() / 2);
    long faultAt = System.nanoTime();
    if (fault != null) {
      fault.inject();
      fault.heal();
    }
    for (NodeProcess node : nodes) {
      if (!node.awaitReady(3, Duration.ofSeconds(90))) {
        out.println("  " + node.name() + " not ready with 3 members after 90 s");
      }
    }
    long healedAt = System.nanoTime();
    Thread.sleep(load.toMillis() / 2);
    boolean drained = edge.drain(Duration.ofSeconds(120));
    Set<String> acked = edge.acknowledged();
    Map<String, Integer> stored = storedCounts(edge.sent());
    long lost = acked.stream().filter(id -> !stored.containsKey(id)).count();
    long duplicated = stored.values().stream().filter(c -> c > 1).count();
    long storedAcked = acked.stream().filter(stored::containsKey).count();
    long unacknowledged = edge.sent().size() - acked.size();
    double recovery = edge.lastRecoveredNanos() == 0 ? 0 : Math.max(0, (edge.lastRecoveredNanos() - faultAt) / 1e9);
    rows.add(new DrillReport.Row(name, acked.size(), storedAcked, lost, duplicated, unacknowledged, edge.refused503(),
        edge.transportErrors() + edge.otherErrors(), recovery, (healedAt - faultAt) / 1e9, drained));
    DrillReport.print(out, List.of(rows.getLast()));
  }

  private Map<String, Integer> storedCounts(Set<String> ids) throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    try (Connection c = pool.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT event_id::text, count(*) FROM plate_reads WHERE event_id = ANY (?::uuid[]) GROUP BY event_id")) {
      Array array = c.createArrayOf("text", ids.toArray());
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return counts;
  }

  /** Entry point: {@code bin/corridor drill [--phase-seconds N]}. */
  public static void main(String[] args) throws Exception {
    int seconds = 12;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--phase-seconds") && i + 1 < args.length) {
        seconds = Integer.parseInt(args[++i]);
      } else if (args[i].startsWith("--phase-seconds=")) {
        seconds = Integer.parseInt(args[i].substring("--phase-seconds=".length()));
      } else {
        System.err.println("usage: bin/corridor drill [--phase-seconds N]   (load per phase, default 12)");
        System.exit(2);
      }
    }
    // The drill's own pool sees the database restart too; its warnings would bury the table.
    System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "error");
    System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "error");
    Path work = Files.createTempDirectory("corridor-drill-");
    System.exit(new Drill(System.out, work).run(Duration.ofSeconds(seconds)));
  }
}
