package io.corridor.load;

import io.corridor.platform.devices.Device;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts pre-encoded Avro batches to {@code /v1/reads} as a camera fleet would: {@code concurrency}
 * senders, each with its own request in flight over HTTP/1.1 keep-alive connections. A 503 or a
 * broken connection is retried with the same body after a short pause (ids make retries
 * idempotent), so every read is eventually acknowledged; any other answer is an error and is not
 * retried.
 */
public final class HttpLoad {

  /** Pause before a retry; short on purpose, the bench wants the node's capacity, not Retry-After's. */
  private static final long RETRY_PAUSE_MS = 50;
  /** Gives up on a request after this many tries so a broken node cannot hang the bench. */
  private static final int MAX_ATTEMPTS = 200;

  private final HttpClient client;
  private final URI uri;
  private final String deviceId;
  private final String deviceKey;

  /** Sends to {@code uri} as device {@code deviceId} with key {@code deviceKey}. */
  public HttpLoad(URI uri, String deviceId, String deviceKey) {
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    this.uri = uri;
    this.deviceId = deviceId;
    this.deviceKey = deviceKey;
  }

  /**
   * Sends every batch with {@code concurrency} requests in flight and records, for each request
   * acknowledged with 200, the time from its first send to that 200 (retries included).
   */
  public Result run(List<Workload.Batch> batches, int concurrency, LatencyRecorder latencies) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong retries503 = new AtomicLong();
    AtomicLong transportErrors = new AtomicLong();
    AtomicLong failedRequests = new AtomicLong();
    AtomicLong acknowledgedReads = new AtomicLong();
    List<String> samples = Collections.synchronizedList(new ArrayList<>());
    List<Thread> senders = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < Math.min(concurrency, batches.size()); t++) {
      senders.add(Thread.ofPlatform().name("bench-http-" + t).start(() -> {
        for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
          Workload.Batch batch = batches.get(i);
          HttpRequest request = HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "avro/binary")
              .header("X-Device-Id", deviceId)
              .header("X-Device-Key", deviceKey)
              .POST(HttpRequest.BodyPublishers.ofByteArray(batch.avro()))
              .build();
          long sent = System.nanoTime();
          String failure = null;
          boolean acknowledged = false;
          for (int attempt = 1; attempt <= MAX_ATTEMPTS && !acknowledged && failure == null; attempt++) {
            try {
              HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() == 200) {
                acknowledged = true;
              } else if (response.statusCode() == 503) {
                retries503.incrementAndGet();
                pause();
              } else {
                failure = response.statusCode() + " " + response.body();
              }
            } catch (IOException e) {
              transportErrors.incrementAndGet();
              pause();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          if (acknowledged) {
            latencies.record(System.nanoTime() - sent);
            acknowledgedReads.addAndGet(batch.rows());
          } else {
            failedRequests.incrementAndGet();
            if (samples.size() < 3) {
              samples.add(failure != null ? failure : "no 200 after " + MAX_ATTEMPTS + " tries");
            }
          }
        }
      }));
    }
    for (Thread sender : senders) {
      sender.join();
    }
    return new Result(System.nanoTime() - start, acknowledgedReads.get(), failedRequests.get(), retries503.get(),
        transportErrors.get(), List.copyOf(samples));
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What one run achieved.
   *
   * @param elapsedNanos first send to last answer
   * @param acknowledgedReads reads in requests answered 200
   * @param failedRequests requests never answered 200 (not retried, or out of tries)
   * @param retries503 503 answers, each followed by a retry
   * @param transportErrors broken connections or timeouts, each followed by a retry
   * @param failureSamples the first few failure answers, for the report
   */
  public record Result(long elapsedNanos, long acknowledgedReads, long failedRequests, long retries503,
      long transportErrors, List<String> failureSamples) {}
}
