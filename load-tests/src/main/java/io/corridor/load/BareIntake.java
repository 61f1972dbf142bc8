package io.corridor.load;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of {@code bench tracking}: an OsmAnd port that answers every request 200 (empty
 * body) and an MQTT port that accepts any CONNECT and answers every QoS 1 PUBLISH with its PUBACK at
 * once, storing, decoding and authenticating nothing. Served like the node's own intake ports
 * (a Vert.x of its own with default options, one server instance per core up to 4, the same
 * server options), so the same load generators driven against it measure what the intake
 * protocols themselves cost on this machine, whatever the node does behind them. It runs in a
 * JVM of its own ({@link #startProcess}, {@link #main}), so its CPU is measured apart from the
 * bench's and the idle node's, or in the bench's JVM ({@link #start}).
 */
final class BareIntake implements AutoCloseable {

  private static final int INSTANCES = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private static final String READY = "bare intake ready";

  private final Vertx vertx;
  private final Process process;
  private final int httpPort;
  private final int mqttPort;

  private BareIntake(Vertx vertx, Process process, int httpPort, int mqttPort) {
    this.vertx = vertx;
    this.process = process;
    this.httpPort = httpPort;
    this.mqttPort = mqttPort;
  }

  /** {@code BareIntake <http port> <mqtt port>}: serves until its standard input closes. */
  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    int http = Integer.parseInt(args[0]);
    int mqtt = Integer.parseInt(args[1]);
    vertx.deployVerticle(() -> new Ports(http, mqtt), new DeploymentOptions().setInstances(INSTANCES))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.out.println(READY);
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the bench closes the pipe (or ends)
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.exit(0);
  }

  /**
   * Starts both ports on free loopback ports in a JVM of its own: this JVM's Java, class path and
   * options, less its heap sizes and flight recording, with a 512 MB heap.
   */
  static BareIntake startProcess() throws Exception {
    int http = io.corridor.testkit.FreePorts.next();
    int mqtt = io.corridor.testkit.FreePorts.next();
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!option.startsWith("-Xmx") && !option.startsWith("-Xms") && !option.startsWith("-Xmn")
          && !option.startsWith("-XX:StartFlightRecording") && !option.equals("-XX:+AlwaysPreTouch")
          && !option.startsWith("-agentlib") && !option.startsWith("-javaagent")) {
        command.add(option);
      }
    }
    command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), BareIntake.class.getName(),
        String.valueOf(http), String.valueOf(mqtt)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8));
    java.util.concurrent.CompletableFuture<Boolean> ready = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.equals(READY)) {
            return true;
          }
        }
        return false;
      } catch (java.io.IOException e) {
        return false;
      }
    });
    if (!ready.get(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the bare intake JVM did not start (exit " + process.waitFor() + ")");
    }
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // its log lines: nothing to keep, but the pipe must not fill
        }
      } catch (java.io.IOException e) {
        // ended
      }
    }, "bare-intake-output");
    drain.setDaemon(true);
    drain.start();
    return new BareIntake(null, process, http, mqtt);
  }

  /** The bare server's own process, or null when it runs in this JVM. */
  ProcessHandle process() {
    return process == null ? null : process.toHandle();
  }

  /** Starts both ports on free loopback ports. */
  static BareIntake start() throws Exception {
    Vertx vertx = Vertx.vertx();
    int http = io.corridor.testkit.FreePorts.next();
    int mqtt = io.corridor.testkit.FreePorts.next();
    vertx.deployVerticle(() -> new Ports(http, mqtt), new DeploymentOptions().setInstances(INSTANCES))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new BareIntake(vertx, null, http, mqtt);
  }

  int httpPort() {
    return httpPort;
  }

  int mqttPort() {
    return mqttPort;
  }

  /** What the load generators achieved against the bare ports, with the CPU each phase cost. */
  record Ceiling(double osmandRate, String osmandCpu, double osmandMicros, double mqttRate, String mqttCpu,
      double mqttMicros) {}

  /**
   * Drives {@code osmand} (a fresh sender of the same kind as the timed phase's) and the MQTT load
   * against the bare ports: first the warm-up workloads (opening the connections, untimed), then
   * the timed ones, with the same concurrency and window as the node's phases.
   */
  Ceiling measure(OsmAndSender osmand, List<String> warmRequests, List<String> requests,
      Map<String, String> keys, Map<String, List<byte[]>> warmPayloads, Map<String, List<byte[]>> payloads,
      int concurrency, int window, CpuMeter cpu) throws Exception {
    osmand.run(warmRequests, concurrency);
    new MqttLoad().run(mqttPort, keys, warmPayloads, window);
    osmand.prepare(requests);
    if (process != null) {
      Thread.sleep(2000); // the JIT of a JVM just started, which awaitJitQuiet cannot see
    }
    cpu.alsoMeasure(process());
    try {
      CpuMeter.Sample s0 = cpu.sample();
      OsmAndLoad.Result http = osmand.run(requests, concurrency);
      CpuMeter.Sample s1 = cpu.sample();
      MqttLoad.Result mqtt = new MqttLoad().run(mqttPort, keys, payloads, window, cpu);
      long n = mqtt.acknowledged();
      if (process != null) {
        String part = "bare server (own JVM)";
        return new Ceiling(http.acknowledged() / (http.elapsedNanos() / 1e9), cpu.describeOther(s0, s1, requests.size(),
            part), CpuMeter.otherMicros(s0, s1, requests.size()), n / (mqtt.elapsedNanos() / 1e9),
            cpu.describeOther(mqtt.start(), mqtt.end(), n, part), CpuMeter.otherMicros(mqtt.start(), mqtt.end(), n));
      }
      return new Ceiling(http.acknowledged() / (http.elapsedNanos() / 1e9), cpu.describe(s0, s1, requests.size(),
          "bare server"), CpuMeter.totalMicros(s0, s1, requests.size()), n / (mqtt.elapsedNanos() / 1e9),
          cpu.describe(mqtt.start(), mqtt.end(), n, "bare server"), CpuMeter.totalMicros(mqtt.start(), mqtt.end(), n));
    } finally {
      cpu.alsoMeasure(null);
    }
  }

  @Override
  public void close() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (process != null) {
      process.getOutputStream().close(); // its main returns
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** One instance of both ports; Vert.x spreads connections over the instances' event loops. */
  private static final class Ports extends VerticleBase {
    private final int http;
    private final int mqtt;
    private HttpServer httpServer;
    private MqttServer mqttServer;

    Ports(int http, int mqtt) {
      this.http = http;
      this.mqtt = mqtt;
    }

    @Override
    public Future<?> start() {
      httpServer = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(http).setIdleTimeout(60)
          .setCompressionSupported(false).setDecompressionSupported(false)
          .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false))
          .requestHandler(request -> request.response().setStatusCode(200).end());
      mqttServer = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(mqtt)
          .setTimeoutOnConnect(30));
      mqttServer.endpointHandler(endpoint -> {
        endpoint.publishAutoAck(false);
        endpoint.publishHandler(message -> {
          if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            endpoint.publishAcknowledge(message.messageId());
          }
        });
        endpoint.exceptionHandler(e -> { }); // a load generator's connection reset at the end: nothing to do
        endpoint.accept(false);
      });
      return httpServer.listen().compose(s -> mqttServer.listen());
    }
  }
}
