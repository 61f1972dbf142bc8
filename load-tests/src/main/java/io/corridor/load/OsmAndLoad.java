package io.corridor.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends OsmAnd requests as trackers do: one fix per HTTP/1.1 POST with the query string, on
 * keep-alive connections (one request at a time on each, no pipelining), a fixed number of
 * connections busy. It shares the cores with the node it measures, so it is as cheap as an HTTP
 * client can be: requests are encoded before timing, each connection writes the bytes and reads
 * just the status line and {@code Content-Length} of the answer, on two event loops. A 503 is
 * retried after a short pause, as a tracker keeps its fix and sends it again; a connection the
 * server closed is reopened and its request sent again. Connections stay open between runs, so
 * the warm-up opens them and the timed run does not. The request bytes are the Vert.x HTTP client's
 * (no {@code Content-Length} on the empty POST): with {@code Content-Length: 0} the node's HTTP
 * server ends each request through a second dispatch (see docs/benchmarks.md).
 */
final class OsmAndLoad implements OsmAndSender {

  record Result(long elapsedNanos, long acknowledged, long failed, long retries503, String failureSample) {}

  private static final int MAX_ATTEMPTS = 100;
  /** Nothing received yet; never appended to (a read replaces it). */
  private static final Buffer EMPTY = Buffer.buffer(0);

  private final Vertx vertx;
  private final NetClient net;
  private final int port;
  private final List<Connection> connections = new ArrayList<>();
  /** The requests {@link #prepare} encoded, and their bytes. */
  private List<String> prepared;
  private List<Buffer> encoded;

  /** A client of the OsmAnd port {@code port} on loopback, on the JDK's NIO selector. */
  OsmAndLoad(int port) {
    this(port, false);
  }

  /** The same, on Netty's native epoll transport where {@code nativeTransport} and the library allow it. */
  OsmAndLoad(int port, boolean nativeTransport) {
    this.port = port;
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(nativeTransport));
    net = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
  }

  /** The transport its event loops run on: {@code nio}, {@code epoll}, {@code iouring}, … */
  String transport() {
    return transportOf(vertx);
  }

  /** The transport {@code vertx}'s event loops run on, named after Vert.x's implementation of it. */
  static String transportOf(Vertx vertx) {
    String name = ((io.vertx.core.internal.VertxInternal) vertx).transport().getClass().getSimpleName();
    return name.replace("Transport", "").toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void prepare(List<String> requests) {
    prepared = requests;
    encoded = encode(requests);
  }

  private List<Buffer> encode(List<String> requests) {
    List<Buffer> buffers = new ArrayList<>(requests.size());
    for (String path : requests) {
      buffers.add(Buffer.buffer(String.format(Locale.ROOT,
          "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n", path, port).getBytes(StandardCharsets.US_ASCII)));
    }
    return buffers;
  }

  @Override
  public Result run(List<String> requests, int concurrency) throws Exception {
    List<Buffer> encoded = requests == prepared ? this.encoded : encode(requests);
    prepared = null;
    this.encoded = null;
    for (int c = 0; c < concurrency; c++) {
      if (c == connections.size()) {
        connections.add(new Connection());
      }
      if (connections.get(c).socket == null) {
        connections.get(c).open(); // not timed; reopened when the server closed it while idle
      }
    }
    Run run = new Run(encoded);
    long start = System.nanoTime();
    for (int c = 0; c < concurrency; c++) {
      Connection connection = connections.get(c);
      connection.context().runOnContext(v -> connection.start(run));
    }
    if (!run.done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("only " + run.ok.get() + " of " + requests.size() + " OsmAnd requests answered");
    }
    return new Result(System.nanoTime() - start, run.ok.get(), run.failed.get(), run.retries.get(), run.sample.get());
  }


  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** One timed run: what to send and what came back. */
  private static final class Run {
    final List<Buffer> requests;
    final AtomicInteger next = new AtomicInteger();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicReference<String> sample = new AtomicReference<>();
    final CountDownLatch done;

    Run(List<Buffer> requests) {
      this.requests = requests;
      this.done = new CountDownLatch(requests.size());
    }
  }

  /** One keep-alive connection; its handlers all run on its own event loop. */
  private final class Connection {
    private volatile NetSocket socket;
    private volatile io.vertx.core.Context context;
    private Buffer received = EMPTY;
    private Run run;
    private Buffer request;
    private int attempt;

    /** Connects and waits; the socket's handlers run on the context its connection completed on. */
    void open() throws Exception {
      net.connect(port, "127.0.0.1").map(s -> {
        context = Vertx.currentContext();
        attach(s);
        return s;
      }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    io.vertx.core.Context context() {
      return context;
    }

    private void attach(NetSocket s) {
      received = EMPTY;
      s.handler(this::onData);
      s.closeHandler(v -> onClosed(s));
      socket = s;
    }

    void start(Run r) {
      CpuMeter.loadThread();
      run = r;
      sendNext();
    }

    private void sendNext() {
      int i = run.next.getAndIncrement();
      if (i >= run.requests.size()) {
        request = null;
        return;
      }
      request = run.requests.get(i);
      attempt = 0;
      socket.write(request);
    }

    private void onData(Buffer data) {
      // the usual read holds exactly one answer: kept as it came, not copied into a buffer of its own
      if (received.length() == 0) {
        received = data;
      } else {
        received.appendBuffer(data);
      }
      int status;
      while ((status = takeResponse()) != 0) {
        answered(status);
      }
    }

    /** The status of the first complete response in {@code received} (removed from it), or 0. */
    private int takeResponse() {
      int end = HttpAnswer.headEnd(received);
      if (end < 0) {
        return 0;
      }
      int total = HttpAnswer.length(received, end);
      if (total == 0) {
        return 0;
      }
      int status = HttpAnswer.status(received);
      if (status != 200) {
        run.sample.compareAndSet(null, status + " " + received.getString(end + 4, total, "UTF-8"));
      }
      received = total == received.length() ? EMPTY : received.getBuffer(total, received.length());
      return status;
    }

    private void answered(int status) {
      if (request == null) {
        return; // an answer nobody waits for; cannot happen with one request in flight
      }
      if (status == 200) {
        run.ok.incrementAndGet();
      } else if (status == 503 && ++attempt < MAX_ATTEMPTS) {
        run.retries.incrementAndGet();
        Buffer again = request;
        vertx.setTimer(50, t -> socket.write(again));
        return;
      } else {
        run.failed.incrementAndGet();
      }
      run.done.countDown();
      sendNext();
    }

    private void onClosed(NetSocket closed) {
      if (closed != socket) {
        return;
      }
      received = Buffer.buffer();
      if (request == null || run == null) {
        socket = null; // idle: reopened by the next run
        return;
      }
      run.sample.compareAndSet(null, "connection closed by the server; reopened and sent again");
      net.connect(port, "127.0.0.1").onSuccess(s -> {
        attach(s);
        if (++attempt < MAX_ATTEMPTS) {
          s.write(request);
        } else {
          run.failed.incrementAndGet();
          run.done.countDown();
          sendNext();
        }
      }).onFailure(e -> {
        run.failed.incrementAndGet();
        run.sample.compareAndSet(null, e.toString());
        run.done.countDown();
      });
    }
  }
}
