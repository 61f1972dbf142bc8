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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of {@code bench tracking}: an OsmAnd port that answers every request 200 (empty
 * body) and an MQTT port that accepts any CONNECT and answers every QoS 1 PUBLISH with its PUBACK at
 * once, storing, decoding and authenticating nothing. Served like the node's own intake ports
 * (a Vert.x of its own with default options, one server instance per core up to 4, the same
 * server options), so the same load generators driven against it measure what the intake
 * protocols themselves cost on this machine, whatever the node does behind them.
 */
final class BareIntake implements AutoCloseable {

  private static final int INSTANCES = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private final Vertx vertx;
  private final int httpPort;
  private final int mqttPort;

  private BareIntake(Vertx vertx, int httpPort, int mqttPort) {
    this.vertx = vertx;
    this.httpPort = httpPort;
    this.mqttPort = mqttPort;
  }

  /** Starts both ports on free loopback ports. */
  static BareIntake start() throws Exception {
    Vertx vertx = Vertx.vertx();
    int http = io.corridor.testkit.FreePorts.next();
    int mqtt = io.corridor.testkit.FreePorts.next();
    vertx.deployVerticle(() -> new Ports(http, mqtt), new DeploymentOptions().setInstances(INSTANCES))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new BareIntake(vertx, http, mqtt);
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
    CpuMeter.Sample s0 = cpu.sample();
    OsmAndLoad.Result http = osmand.run(requests, concurrency);
    CpuMeter.Sample s1 = cpu.sample();
    MqttLoad.Result mqtt = new MqttLoad().run(mqttPort, keys, payloads, window, cpu);
    return new Ceiling(http.acknowledged() / (http.elapsedNanos() / 1e9), cpu.describe(s0, s1, requests.size(),
        "bare server"), CpuMeter.totalMicros(s0, s1, requests.size()), mqtt.acknowledged() / (mqtt.elapsedNanos() / 1e9),
        cpu.describe(mqtt.start(), mqtt.end(), mqtt.acknowledged(), "bare server"),
        CpuMeter.totalMicros(mqtt.start(), mqtt.end(), mqtt.acknowledged()));
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
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
