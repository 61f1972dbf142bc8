package io.corridor.tracking.osmand;

import io.corridor.platform.tls.ListenerTls;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.function.IntConsumer;

/**
 * The OsmAnd/Traccar protocol server on its own port ({@code tracking.osmand.port}), path {@code /},
 * so a tracker configured for a Traccar server works unchanged when pointed at Corridor. With
 * {@code tracking.osmand.tls.cert} set the port serves HTTPS only. The port is a Vert.x TCP server
 * (TLS, the idle timeout, connections spread over the instances' event loops) whose connections
 * speak HTTP/1.x through Netty's request decoder and {@link OsmAndConnection}, the way Traccar's own
 * protocol servers read it: no Vert.x HTTP request, response or router per fix.
 */
public final class OsmAndVerticle extends VerticleBase {

  /** Seconds without a byte in either direction before a connection is closed, at least. */
  static final int IDLE_TIMEOUT_SECONDS = 60;

  private final String host;
  private final int port;
  private final int maxBodyBytes;
  private final ListenerTls tls;
  private final OsmAndHandler handler;
  private final IntConsumer bound;
  private NetServer server;
  private long sweep = -1;

  /**
   * @param port the port; 0 for any free one
   * @param tls the listener's certificate and key, or plain
   * @param bound told the port actually bound
   */
  public OsmAndVerticle(String host, int port, int maxBodyBytes, ListenerTls tls, OsmAndHandler handler,
      IntConsumer bound) {
    this.host = host;
    this.port = port;
    this.maxBodyBytes = maxBodyBytes;
    this.tls = tls;
    this.handler = handler;
    this.bound = bound;
  }

  @Override
  public Future<?> start() {
    OsmAndAnswers answers = new OsmAndAnswers(context, handler.writeTimeout(), handler.retryAfter());
    // a commit slower than the write timeout is answered 503 within a tenth of it more (at most 1 s)
    sweep = vertx.setPeriodic(Math.clamp(handler.writeTimeout().toMillis() / 10, 10, 1000), id -> answers.expire());
    // Idle means no request read: a tracker's connection writes only answers to its requests, each
    // at most the write timeout (and a sweep) after it was read, so counting reads alone closes a
    // connection no earlier than IDLE_TIMEOUT_SECONDS after its last byte in either direction, and
    // spares Netty's idle handler a promise listener on every answer written.
    int idle = IDLE_TIMEOUT_SECONDS + (int) handler.writeTimeout().toSeconds() + 2;
    server = vertx.createNetServer(tls.applyTo(new NetServerOptions().setHost(host).setPort(port)
        .setReadIdleTimeout(idle)));
    // each connection arrives on this instance's context, whose event loop is the connection's
    OsmAndBatch batch = new OsmAndBatch(context, handler::store, handler.maxBatch(), answers);
    OsmAndConnection.Requests requests = (post, uri, type, body, reply) -> handler.handle(post, uri, type, body, reply,
        batch);
    return server.connectHandler(socket -> OsmAndConnection.install((NetSocketInternal) socket, requests,
        handler.retryAfter(), maxBodyBytes)).listen().onSuccess(s -> bound.accept(s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    if (sweep >= 0) {
      vertx.cancelTimer(sweep);
    }
    return server == null ? Future.succeededFuture() : server.close();
  }
}
