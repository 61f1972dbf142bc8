package io.corridor.tracking.osmand;

import static io.corridor.tracking.testing.RawHttp.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.ingest.IngestException;
import io.corridor.tracking.testing.RawHttp.Answer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OsmAnd port's HTTP handling on a real Vert.x TCP server with {@link OsmAndConnection} in its
 * pipeline, spoken to byte for byte over sockets: pipelined requests answered in their order
 * whatever order their commits finish in, the body limit, HTTP/1.0 and 1.1 keep-alive and close,
 * empty, form and chunked bodies, {@code Expect: 100-continue}, other paths, malformed requests
 * and the write timeout. The commits are futures the test completes.
 */
class OsmAndConnectionIT {

  static final int MAX_BODY = 1024;
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

  /** One request as the server's handler got it, with the commit the test completes. */
  record Got(boolean post, String uri, String contentType, String body, CompletableFuture<Object> commit) {}

  static Vertx vertx;
  static int port;
  static final ConcurrentLinkedQueue<Got> got = new ConcurrentLinkedQueue<>();

  /** Queues each request behind a commit the test completes; {@code refuse} in the query is a 400 at once. */
  static final class Server extends VerticleBase {
    @Override
    public Future<?> start() {
      OsmAndAnswers answers = new OsmAndAnswers(context, WRITE_TIMEOUT, Duration.ofSeconds(7));
      vertx.setPeriodic(20, id -> answers.expire());
      OsmAndConnection.Requests requests = (post, uri, type, body, reply) -> {
        if (uri.contains("refuse")) {
          reply.fail(IngestException.invalid("lat", "refused by the test"), Duration.ofSeconds(7));
          return;
        }
        CompletableFuture<Object> commit = new CompletableFuture<>();
        got.add(new Got(post, uri, type, new String(body, StandardCharsets.UTF_8), commit));
        answers.answer(reply, commit);
      };
      return vertx.createNetServer().connectHandler(socket -> OsmAndConnection.install((NetSocketInternal) socket,
          requests, Duration.ofSeconds(7), MAX_BODY)).listen(0, "127.0.0.1").onSuccess(s -> port = s.actualPort());
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

  @BeforeEach
  void forget() {
    got.clear();
  }

  @Test
  void pipelinedRequestsAreAnsweredInTheirOrderWhateverOrderTheirCommitsFinishIn() throws Exception {
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, post("/?n=1", "") + post("/?n=2&refuse", "") + post("/?n=3", ""));
      List<Got> commits = await(2);
      assertThat(commits).extracting(Got::uri).containsExactly("/?n=1", "/?n=3");
      commits.get(1).commit().complete(List.of()); // the third request commits first, the second was refused at once
      assertNothingToRead(s, in);
      commits.get(0).commit().complete(List.of());
      assertThat(read(in).status()).isEqualTo(200);
      Answer refused = read(in);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(new JsonObject(refused.body()).getString("field")).isEqualTo("lat");
      assertThat(read(in).status()).isEqualTo(200);
      // the connection goes on after the pipelined batch
      write(s, post("/?n=4", ""));
      await(1).get(0).commit().complete(List.of());
      assertThat(read(in).status()).isEqualTo(200);
    }
  }

  @Test
  void manyPipelinedRequestsAreAllAnsweredInOrder() throws Exception {
    int n = 3 * OsmAndConnection.MAX_PENDING; // past the point where the connection stops reading
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < n; i++) {
      batch.append(post(i % 7 == 3 ? "/?i=" + i + "&refuse" : "/?i=" + i, ""));
    }
    Thread committer = Thread.ofVirtual().start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        Got g = got.poll();
        if (g != null) {
          g.commit().complete(List.of());
        } else {
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    });
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, batch.toString());
      for (int i = 0; i < n; i++) {
        assertThat(read(in).status()).as("answer " + i).isEqualTo(i % 7 == 3 ? 400 : 200);
      }
    } finally {
      committer.interrupt();
    }
  }

  @Test
  void aBodyOverTheLimitIs413AndTheConnectionGoesOn() throws Exception {
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, post("/", "x".repeat(MAX_BODY + 1)) + post("/?after=1", ""));
      Answer tooLarge = read(in);
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(new JsonObject(tooLarge.body()).getString("error")).isEqualTo("body_too_large");
      await(1).get(0).commit().complete(List.of());
      assertThat(read(in).status()).isEqualTo(200);
    }
  }

  @Test
  void aChunkedBodyOverTheLimitIs413AndCloses() throws Exception {
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      String chunk = "x".repeat(600);
      write(s, "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
      Answer tooLarge = read(in);
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(tooLarge.headers()).containsEntry("connection", "close");
      assertThat(in.read()).isEqualTo(-1);
      assertThat(got).isEmpty();
    }
  }

  @Test
  void emptyFormAndChunkedBodiesReachTheHandler() throws Exception {
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, "POST /?id=a HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"
          + "POST / HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\nid=b&lat="
          + "GET /?id=c HTTP/1.1\r\nHost: t\r\n\r\n"
          + "POST / HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\n{\"a\":\r\n3\r\n 1}\r\n0\r\n\r\n");
      List<Got> requests = await(4);
      assertThat(requests).extracting(Got::post).containsExactly(true, true, false, true);
      assertThat(requests).extracting(Got::body).containsExactly("", "id=b&lat=", "", "{\"a\": 1}");
      assertThat(requests.get(1).contentType()).isEqualTo("application/x-www-form-urlencoded");
      assertThat(requests.get(3).contentType()).isEqualTo("application/json");
      requests.forEach(g -> g.commit().complete(List.of()));
      for (int i = 0; i < 4; i++) {
        Answer a = read(in);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEmpty();
      }
    }
  }

  @Test
  void http10ClosesUnlessKeepAliveIsAskedFor() throws Exception {
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, "GET /?id=a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      await(1).get(0).commit().complete(List.of());
      Answer kept = read(in);
      assertThat(kept.statusLine()).startsWith("HTTP/1.0 200");
      assertThat(kept.headers()).containsEntry("connection", "keep-alive");
      write(s, "GET /?id=b HTTP/1.0\r\n\r\n");
      await(1).get(0).commit().complete(List.of());
      Answer last = read(in);
      assertThat(last.statusLine()).startsWith("HTTP/1.0 200");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void http11ConnectionCloseIsAnsweredThenClosed() throws Exception {
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, "GET /?id=a HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
      await(1).get(0).commit().complete(List.of());
      Answer a = read(in);
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.headers()).containsEntry("connection", "close");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void expectContinueGetsA100BeforeTheBody() throws Exception {
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, "POST / HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
      assertThat(read(in).status()).isEqualTo(100);
      write(s, "id=q");
      Got g = await(1).get(0);
      assertThat(g.body()).isEqualTo("id=q");
      g.commit().complete(List.of());
      assertThat(read(in).status()).isEqualTo(200);
    }
  }

  @Test
  void otherPathsAre404AndMalformedRequests400ThenClosed() throws Exception {
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, "GET /other?id=a HTTP/1.1\r\nHost: t\r\n\r\n");
      Answer notFound = read(in);
      assertThat(notFound.status()).isEqualTo(404);
      assertThat(new JsonObject(notFound.body()).getString("error")).isEqualTo("not_found");
      write(s, "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: many\r\n\r\n");
      Answer bad = read(in);
      assertThat(bad.status()).isEqualTo(400);
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(got).isEmpty();
  }

  @Test
  void anOverlongRequestLineIs414AndOverlargeHeaders431ThenClosed() throws Exception {
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, "GET /?id=a&key=" + "k".repeat(5_000) + " HTTP/1.1\r\nHost: t\r\n\r\n");
      Answer tooLong = read(in);
      assertThat(tooLong.status()).isEqualTo(414);
      assertThat(new JsonObject(tooLong.body()).getString("error")).isEqualTo("uri_too_long");
      assertThat(in.read()).isEqualTo(-1);
    }
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, "GET /?id=a HTTP/1.1\r\nHost: t\r\nX-Filler: " + "f".repeat(10_000) + "\r\n\r\n");
      Answer tooLarge = read(in);
      assertThat(tooLarge.status()).isEqualTo(431);
      assertThat(new JsonObject(tooLarge.body()).getString("error")).isEqualTo("headers_too_large");
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(got).isEmpty();
  }

  @Test
  void aCommitSlowerThanTheWriteTimeoutIs503WithRetryAfterAndLaterAnswersFollow() throws Exception {
    try (Socket s = connect()) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      write(s, post("/?stuck", "") + post("/?next", ""));
      List<Got> commits = await(2);
      commits.get(1).commit().complete(List.of());
      s.setSoTimeout(30_000);
      Answer late = read(in);
      assertThat(late.status()).isEqualTo(503);
      assertThat(late.headers()).containsEntry("retry-after", "7");
      assertThat(late.body()).contains("commit did not finish");
      assertThat(read(in).status()).isEqualTo(200);
      commits.get(0).commit().complete(List.of()); // too late: answered already
      write(s, post("/?again", ""));
      await(1).get(0).commit().complete(List.of());
      assertThat(read(in).status()).isEqualTo(200);
    }
  }

  private static String post(String uri, String body) {
    return "POST " + uri + " HTTP/1.1\r\nHost: t\r\n" + (body.isEmpty() ? "" : "Content-Length: " + body.length() + "\r\n")
        + "\r\n" + body;
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(20_000);
    return s;
  }

  private static void write(Socket s, String raw) throws IOException {
    s.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  private static List<Got> await(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (got.size() < n && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    List<Got> taken = new ArrayList<>();
    for (int i = 0; i < n && !got.isEmpty(); i++) {
      taken.add(got.poll());
    }
    assertThat(taken).hasSize(n);
    return taken;
  }

  private static void assertNothingToRead(Socket s, InputStream in) throws Exception {
    Thread.sleep(200);
    assertThat(in.available()).as("an answer was written before the one of an earlier request").isZero();
  }
}
