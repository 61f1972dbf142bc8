package io.corridor.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Corridor node in its own JVM ({@code Main run}), so the fault drill and the failover tests
 * can kill it with SIGKILL and pause it with SIGSTOP like an operating system would. Configured
 * only through CORRIDOR_* variables, as in a container. The class path is the caller's (under
 * Surefire/Failsafe, the test class path).
 */
public final class NodeProcess {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int httpPort;
  private final Map<String, String> env;
  private final Path log;
  private Process process;

  /** A node named {@code name} answering HTTP on {@code httpPort}, its output appended to {@code log}. */
  public NodeProcess(String name, int httpPort, Map<String, String> env, Path log) {
    this.name = name;
    this.httpPort = httpPort;
    this.env = env;
    this.log = log;
  }

  /** The node's name. */
  public String name() {
    return name;
  }

  /** The JVM's process id, or -1 when it is not running. */
  public long pid() {
    return process != null && process.isAlive() ? process.pid() : -1;
  }

  /** Its HTTP base address. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** Starts the JVM (same class path and module flags as this one, a small heap). */
  public void start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-Xmx") && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-Xmx512m",
        // A paused member is declared dead after 8 s instead of 60, and a split cluster merges within seconds.
        "-Dhazelcast.max.no.heartbeat.seconds=8", "-Dhazelcast.heartbeat.interval.seconds=1",
        "-Dhazelcast.merge.first.run.delay.seconds=5", "-Dhazelcast.merge.next.run.delay.seconds=5",
        "-Dorg.slf4j.simpleLogger.log.com.hazelcast=warn",
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "io.corridor.node.Main", "run"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    process = builder.start();
  }

  /** Waits until {@code /ready} answers 200 with {@code members} cluster members; false on timeout. */
  public boolean awaitReady(int members, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        return false;
      }
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base().resolve("/ready")).timeout(Duration.ofSeconds(2))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"clusterMembers\":" + members)) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** SIGKILL: no shutdown hook, no drain. */
  public void kill() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGSTOP: the JVM freezes, sockets stay open, heartbeats stop. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  /** SIGTERM and wait: the node drains its writer and leaves the cluster. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
  }
}
