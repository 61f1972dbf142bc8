package io.corridor.load.drill;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cameras as the edge behaves: each sends a batch, and on a 503, a timeout or a refused connection
 * sends the very same batch (same ids, same times) again to the next node until it is accepted.
 * Records what was acknowledged, how often it was refused, and when the last refused batch got in.
 */
final class EdgeLoad implements AutoCloseable {

  /** A camera's identity. */
  record Camera(String id, String key) {}

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<URI> nodes;
  private final List<Camera> cameras;
  private final int batch;
  private final Duration pause;
  private final Duration requestTimeout;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final AtomicLong refused503 = new AtomicLong();
  private final AtomicLong transportErrors = new AtomicLong();
  private final AtomicLong otherErrors = new AtomicLong();
  private final AtomicLong lastRecoveredNanos = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;
  private volatile boolean abandoned;

  EdgeLoad(List<URI> nodes, List<Camera> cameras, int batch, Duration pause, Duration requestTimeout) {
    this.nodes = nodes;
    this.cameras = cameras;
    this.batch = batch;
    this.pause = pause;
    this.requestTimeout = requestTimeout;
  }

  /** Starts one sender thread per camera (plus {@code extraSenders} per camera for bursts). */
  EdgeLoad start(int sendersPerCamera) {
    int n = 0;
    for (Camera camera : cameras) {
      for (int i = 0; i < sendersPerCamera; i++) {
        int offset = n++;
        threads.add(Thread.ofPlatform().daemon().name("edge-" + camera.id() + "-" + i).start(() -> run(camera, offset)));
      }
    }
    return this;
  }

  private void run(Camera camera, int offset) {
    int next = offset;
    while (!stopping) {
      List<String> ids = new ArrayList<>(batch);
      JsonArray body = new JsonArray();
      Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      for (int i = 0; i < batch; i++) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        body.add(new JsonObject().put("eventId", id).put("deviceId", camera.id()).put("eventTime", at.minusMillis(i).toString())
            .put("plate", "DR" + (100 + (id.hashCode() & 0x3ff)) + "XK").put("country", "XK").put("confidence", 0.9));
      }
      sent.addAll(ids);
      byte[] payload = body.encode().getBytes();
      boolean failedOnce = false;
      while (!abandoned) {
        URI node = nodes.get(Math.floorMod(next++, nodes.size()));
        int status = send(node, camera, payload);
        if (status == 200) {
          acknowledged.addAll(ids);
          if (failedOnce) {
            lastRecoveredNanos.accumulateAndGet(System.nanoTime(), Math::max);
          }
          break;
        }
        failedOnce = true;
        sleep(200);
      }
      sleep(pause.toMillis());
    }
  }

  private int send(URI node, Camera camera, byte[] payload) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(node.resolve("/v1/reads")).timeout(requestTimeout)
          .header("Content-Type", "application/json").header("X-Device-Id", camera.id()).header("X-Device-Key", camera.key())
          .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 503) {
        refused503.incrementAndGet();
      } else if (response.statusCode() != 200) {
        otherErrors.incrementAndGet();
      }
      return response.statusCode();
    } catch (IOException e) {
      transportErrors.incrementAndGet();
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandoned = true;
      return -1;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops new batches and waits up to {@code timeout} for every batch in flight to be accepted. */
  boolean drain(Duration timeout) throws InterruptedException {
    stopping = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : threads) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      t.join(left);
    }
    boolean drained = threads.stream().noneMatch(Thread::isAlive);
    abandoned = true;
    return drained;
  }

  Set<String> acknowledged() { return acknowledged; }

  Set<String> sent() { return sent; }

  long refused503() { return refused503.get(); }

  long transportErrors() { return transportErrors.get(); }

  long otherErrors() { return otherErrors.get(); }

  /** {@link System#nanoTime()} when the last batch that had been refused was accepted; 0 if none was refused. */
  long lastRecoveredNanos() { return lastRecoveredNanos.get(); }

  @Override
  public void close() throws InterruptedException {
    drain(Duration.ZERO);
  }
}
