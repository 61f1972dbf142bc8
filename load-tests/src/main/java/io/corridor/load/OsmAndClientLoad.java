package io.corridor.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first OsmAnd load generator, kept for comparison ({@code --http-client vertx}): the same
 * requests from a Vert.x HTTP client, a new client and connection pool for every run. A 503 is
 * retried after a short pause, as a tracker keeps its fix and sends it again.
 */
final class OsmAndClientLoad implements OsmAndSender {

  private final int port;

  OsmAndClientLoad(int port) {
    this.port = port;
  }

  @Override
  public OsmAndLoad.Result run(List<String> requests, int concurrency) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
          .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
      AtomicInteger next = new AtomicInteger();
      AtomicLong ok = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      AtomicLong retries = new AtomicLong();
      AtomicReference<String> sample = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(requests.size());
      long start = System.nanoTime();
      Runnable[] sendNext = new Runnable[1];
      sendNext[0] = () -> {
        int i = next.getAndIncrement();
        if (i < requests.size()) {
          send(vertx, http, requests.get(i), 0, ok, failed, retries, sample, () -> {
            done.countDown();
            sendNext[0].run();
          });
        }
      };
      for (int c = 0; c < concurrency; c++) {
        vertx.runOnContext(v -> sendNext[0].run());
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("only " + ok.get() + " of " + requests.size() + " OsmAnd requests answered");
      }
      return new OsmAndLoad.Result(System.nanoTime() - start, ok.get(), failed.get(), retries.get(), sample.get());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static void send(Vertx vertx, HttpClient http, String path, int attempt, AtomicLong ok, AtomicLong failed,
      AtomicLong retries, AtomicReference<String> sample, Runnable finished) {
    http.request(HttpMethod.POST, path)
        .compose(request -> request.send().compose(response -> response.body().map(body -> {
          if (response.statusCode() != 200) {
            sample.compareAndSet(null, response.statusCode() + " " + body);
          }
          return response.statusCode();
        })))
        .recover(e -> {
          sample.compareAndSet(null, e.toString());
          return Future.succeededFuture(-1);
        })
        .onSuccess(status -> {
          CpuMeter.loadThread();
          if (status == 200) {
            ok.incrementAndGet();
            finished.run();
          } else if (status == 503 && attempt < 100) {
            retries.incrementAndGet();
            vertx.setTimer(50, t -> send(vertx, http, path, attempt + 1, ok, failed, retries, sample, finished));
          } else {
            failed.incrementAndGet();
            finished.run();
          }
        });
  }

  @Override
  public void close() {}
}
