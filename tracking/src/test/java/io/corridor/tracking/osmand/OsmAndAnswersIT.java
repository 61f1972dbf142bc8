package io.corridor.tracking.osmand;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.ingest.UnavailableException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OsmAnd server's batched answers against a real HTTP server and client: completions from
 * another thread are answered on the event loop, failures with their error, and a commit that
 * never finishes is answered 503 with Retry-After after the write timeout.
 */
class OsmAndAnswersIT {

  static Vertx vertx;
  static int port;
  /** The futures the server handed to the answers, completed by the test ("commit"). */
  static final ConcurrentLinkedQueue<CompletableFuture<Object>> pending = new ConcurrentLinkedQueue<>();
  static final AtomicReference<OsmAndAnswers> answers = new AtomicReference<>();
  static final HttpClient client = HttpClient.newHttpClient();
  /**
   * The write timeout of the answers under test: long enough that 50 requests sent and queued on a
   * loaded machine are not answered 503 before the test commits them (300 ms and 2 s were not, on two
   * shared cores).
   */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(8);

  /** Queues every request's answer behind a future the test completes. */
  static final class Server extends VerticleBase {
    @Override
    public Future<?> start() {
      OsmAndAnswers a = new OsmAndAnswers(context, WRITE_TIMEOUT, Duration.ofSeconds(7));
      answers.set(a);
      vertx.setPeriodic(20, id -> a.expire());
      HttpServer server = vertx.createHttpServer();
      return server.requestHandler(request -> {
        CompletableFuture<Object> stored = new CompletableFuture<>();
        if (!request.path().equals("/stuck")) {
          pending.add(stored);
        }
        a.answer(request.response(), stored);
      }).listen(0, "127.0.0.1").onSuccess(s -> port = s.actualPort());
    }
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    vertx.deployVerticle(new Server()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static CompletableFuture<HttpResponse<String>> send(String path) {
    return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  static List<CompletableFuture<Object>> awaitPending(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (pending.size() < n && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    List<CompletableFuture<Object>> taken = new ArrayList<>();
    CompletableFuture<Object> f;
    while ((f = pending.poll()) != null) {
      taken.add(f);
    }
    assertThat(taken).hasSize(n);
    return taken;
  }

  @Test
  void manyCommittedAtOnceAreAllAnswered200AndNoneBefore() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(send("/?id=" + i));
    }
    List<CompletableFuture<Object>> stored = awaitPending(50);
    Thread.sleep(100);
    assertThat(sent).noneMatch(CompletableFuture::isDone); // nothing is answered before its commit
    stored.forEach(f -> f.complete(List.of())); // one group commit, from a thread that is not the loop
    for (CompletableFuture<HttpResponse<String>> r : sent) {
      assertThat(r.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aFailedCommitIsAnswered503WithRetryAfter() throws Exception {
    CompletableFuture<HttpResponse<String>> sent = send("/?id=x");
    awaitPending(1).get(0).completeExceptionally(new UnavailableException("database unavailable", Duration.ofSeconds(3), null));
    HttpResponse<String> r = sent.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(r.body()).contains("database unavailable");
  }

  @Test
  void aCommitThatNeverFinishesIsAnswered503AfterTheWriteTimeout() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r = send("/stuck").get(30, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(r.body()).contains("commit did not finish");
    assertThat(ms).isGreaterThanOrEqualTo(WRITE_TIMEOUT.toMillis());
  }
}
