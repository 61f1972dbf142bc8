package io.corridor.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends OsmAnd requests (one fix each, as trackers do) with a fixed number in flight; a 503 is
 * retried after a short pause, as a tracker keeps its fix and sends it again.
 */
final class OsmAndLoad {

  record Result(long elapsedNanos, long acknowledged, long failed, long retries503, String failureSample) {}

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  OsmAndLoad(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Result run(List<String> requests, int concurrency) throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    java.util.concurrent.atomic.AtomicReference<String> sample = new java.util.concurrent.atomic.AtomicReference<>();
    long start = System.nanoTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String path : requests) {
        inFlight.acquire();
        threads.submit(() -> {
          try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
            for (int attempt = 0; attempt < 100; attempt++) {
              HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
              int status = response.statusCode();
              if (status == 200) {
                ok.incrementAndGet();
                return;
              }
              if (status != 503) {
                sample.compareAndSet(null, status + " " + response.body());
                failed.incrementAndGet();
                return;
              }
              retries.incrementAndGet();
              Thread.sleep(50);
            }
            failed.incrementAndGet();
          } catch (Exception e) {
            sample.compareAndSet(null, e.toString());
            failed.incrementAndGet();
          } finally {
            inFlight.release();
          }
        });
      }
    }
    return new Result(System.nanoTime() - start, ok.get(), failed.get(), retries.get(), sample.get());
  }
}
