package io.corridor.load;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MQTT connection per tracker (username = id, password = key), each publishing its own fixes at
 * QoS 1 with up to {@code window} unacknowledged; counts PUBACKs.
 */
final class MqttLoad {

  private final boolean nativeTransport;

  /** Clients on the JDK's NIO selector. */
  MqttLoad() {
    this(false);
  }

  /** Clients on Netty's native epoll transport where {@code nativeTransport} and the library allow it. */
  MqttLoad(boolean nativeTransport) {
    this.nativeTransport = nativeTransport;
  }

  /** @param start CPU when timing began (after every client connected), end at the last PUBACK; null without a meter */
  record Result(long elapsedNanos, long acknowledged, long failedClients, CpuMeter.Sample start, CpuMeter.Sample end) {}

  Result run(int port, Map<String, String> keys, Map<String, List<byte[]>> payloadsByTracker, int window)
      throws Exception {
    return run(port, keys, payloadsByTracker, window, null);
  }

  Result run(int port, Map<String, String> keys, Map<String, List<byte[]>> payloadsByTracker, int window, CpuMeter cpu)
      throws Exception {
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(2)
        .setPreferNativeTransport(nativeTransport));
    try {
      List<MqttClient> clients = new ArrayList<>();
      for (String id : payloadsByTracker.keySet()) {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setUsername(id).setPassword(keys.get(id))
            .setClientId("bench-" + id).setMaxInflightQueue(window).setAutoKeepAlive(true));
        client.connect(port, "127.0.0.1").onComplete(r -> CpuMeter.loadThread()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        clients.add(client);
      }
      long total = payloadsByTracker.values().stream().mapToLong(List::size).sum();
      AtomicLong acked = new AtomicLong();
      AtomicLong failedClients = new AtomicLong();
      CountDownLatch done = new CountDownLatch((int) total);
      CpuMeter.Sample startCpu = cpu == null ? null : cpu.sample();
      long start = System.nanoTime();
      int c = 0;
      for (Map.Entry<String, List<byte[]>> e : payloadsByTracker.entrySet()) {
        MqttClient client = clients.get(c++);
        String topic = "corridor/trackers/" + e.getKey() + "/position";
        List<byte[]> payloads = e.getValue();
        int[] next = {0};
        client.publishCompletionHandler(id -> {
          CpuMeter.loadThread();
          acked.incrementAndGet();
          done.countDown();
          send(client, topic, payloads, next);
        });
        client.closeHandler(v -> failedClients.incrementAndGet());
        vertx.runOnContext(v -> {
          for (int i = 0; i < window; i++) {
            send(client, topic, payloads, next);
          }
        });
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("only " + acked.get() + " of " + total + " PUBACKs within 10 minutes");
      }
      long elapsed = System.nanoTime() - start;
      CpuMeter.Sample endCpu = cpu == null ? null : cpu.sample(); // before the client threads end
      long dropped = failedClients.get(); // before our own disconnects close them
      for (MqttClient client : clients) {
        client.disconnect();
      }
      return new Result(elapsed, acked.get(), dropped, startCpu, endCpu);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static void send(MqttClient client, String topic, List<byte[]> payloads, int[] next) {
    if (next[0] < payloads.size()) {
      client.publish(topic, Buffer.buffer(payloads.get(next[0]++)), MqttQoS.AT_LEAST_ONCE, false, false);
    }
  }
}
