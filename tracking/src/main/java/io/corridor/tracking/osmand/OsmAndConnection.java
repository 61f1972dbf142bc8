package io.corridor.tracking.osmand;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.net.NetSocketInternal;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * One OsmAnd connection, as a handler in its Netty pipeline behind {@link HttpRequestDecoder}, so a
 * fix costs no Vert.x request, response or routing objects. Reads each request with its body (at
 * most {@code maxBodyBytes}, else 413), hands it to its {@link Requests} ({@link OsmAndHandler}) and writes the answers
 * in the order the requests came (HTTP/1.1 pipelining), each as soon as it and every answer before
 * it are known, pre-encoded by {@link OsmAndWire}; a request the handler throws on is a 503. Keeps the connection open per HTTP/1.0 and 1.1
 * keep-alive rules and closes it after an answer that says {@code connection: close}. Everything
 * runs on the connection's event loop, which is the event loop of the server instance's context,
 * so the instance's {@link OsmAndAnswers} complete these answers there.
 */
final class OsmAndConnection extends ChannelInboundHandlerAdapter {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OsmAndConnection.class);

  /** Unanswered requests per connection before it stops reading: a pipelining client waits in TCP. */
  static final int MAX_PENDING = 64;
  private static final int RESUME_AT = MAX_PENDING / 4;

  /** Takes one request with its body read; answers it through {@code reply}, now or later, once. */
  @FunctionalInterface
  interface Requests {
    /**
     * @param post whether the method is POST
     * @param uri the request target as sent
     * @param contentType the {@code Content-Type} header, or null
     */
    void handle(boolean post, String uri, String contentType, byte[] body, OsmAndReply reply);
  }

  private final Requests requests;
  private final Duration retryAfter;
  private final int maxBodyBytes;
  /** Answers not yet written, in request order; the head is the next to go out. */
  private final ArrayDeque<Answer> pending = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  /** The request whose body is being read, and its answer; null between requests. */
  private HttpRequest request;
  private Answer current;
  /** The body read so far, past its first piece; null while it is one piece or none. */
  private ByteArrayOutputStream parts;
  private ByteBuf first;
  private int bodyBytes;
  /** Whether the rest of the current request is dropped (answered already: 413 or a bad request). */
  private boolean discard;
  /** Whether an answer that closes the connection is queued: nothing read after it is served. */
  private boolean closing;
  private boolean paused;
  /** Whether the channel is gone: answers completed later are dropped. */
  private boolean closed;

  private OsmAndConnection(Requests requests, Duration retryAfter, int maxBodyBytes) {
    this.requests = requests;
    this.retryAfter = retryAfter;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Puts the HTTP decoder and an OsmAnd connection in front of Vert.x's own handler of
   * {@code socket}, which then sees no message (TLS and the idle timeout stay Vert.x's).
   */
  static void install(NetSocketInternal socket, Requests requests, Duration retryAfter, int maxBodyBytes) {
    ChannelPipeline pipeline = socket.channelHandlerContext().pipeline();
    pipeline.addBefore("handler", "osmandDecoder", new HttpRequestDecoder());
    pipeline.addBefore("handler", "osmand", new OsmAndConnection(requests, retryAfter, maxBodyBytes));
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest r) {
        begin(r);
      }
      if (msg instanceof HttpContent c) {
        content(c);
      }
    } catch (RuntimeException e) {
      LOG.warn("OsmAnd request not handled: {}", e.toString(), e);
      if (current != null) {
        current.fail(e, retryAfter);
      }
      endRequest();
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void begin(HttpRequest r) {
    endRequest();
    if (closing) {
      discard = true;
      return;
    }
    boolean http10 = r.protocolVersion().equals(HttpVersion.HTTP_1_0);
    Answer answer = new Answer(http10, HttpUtil.isKeepAlive(r), HttpMethod.HEAD.equals(r.method()));
    pending.add(answer);
    if (pending.size() >= MAX_PENDING && !paused) {
      paused = true;
      ctx.channel().config().setAutoRead(false);
    }
    request = r;
    current = answer;
    if (r.decoderResult().isFailure()) {
      badRequest(r.decoderResult().cause());
      return;
    }
    long length = HttpUtil.getContentLength(r, -1L);
    if (length > maxBodyBytes) {
      // the decoder skips the declared body, so the connection can go on unless the client waits for a 100
      tooLarge(HttpUtil.is100ContinueExpected(r));
    } else if (HttpUtil.is100ContinueExpected(r)) {
      ctx.writeAndFlush(OsmAndWire.continueAnswer());
    }
  }

  private void content(HttpContent c) {
    if (c.decoderResult().isFailure()) {
      if (!discard && current != null) {
        badRequest(c.decoderResult().cause());
      }
      return;
    }
    if (!discard && current != null) {
      ByteBuf data = c.content();
      int n = data.readableBytes();
      if (n > 0) {
        if (bodyBytes + n > maxBodyBytes) {
          tooLarge(true); // a chunked body past the limit: where it ends is not known
          return;
        }
        bodyBytes += n;
        if (first == null && parts == null) {
          first = data.retain();
        } else {
          if (parts == null) {
            parts = new ByteArrayOutputStream(Math.min(maxBodyBytes, 2 * bodyBytes));
            appendTo(parts, first);
            first.release();
            first = null;
          }
          appendTo(parts, data);
        }
      }
    }
    if (c instanceof LastHttpContent) {
      if (!discard && current != null) {
        dispatch();
      }
      endRequest();
    }
  }

  private void dispatch() {
    byte[] body = parts != null ? parts.toByteArray() : first != null ? ByteBufUtil.getBytes(first) : new byte[0];
    String uri = request.uri();
    Answer answer = current;
    if (!"/".equals(path(uri))) {
      answer.error(404, "not_found", null, "the OsmAnd protocol is served on path / only");
      return;
    }
    requests.handle(HttpMethod.POST.equals(request.method()), uri, request.headers().get(HttpHeaderNames.CONTENT_TYPE),
        body, answer);
  }

  private void badRequest(Throwable cause) {
    Answer answer = current;
    answer.keepAlive = false;
    closing = true;
    discard = true;
    if (cause instanceof TooLongHttpLineException) {
      answer.error(414, "uri_too_long", null, "the request line is longer than the server reads");
    } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      answer.error(431, "headers_too_large", null, "the request headers are larger than the server reads");
    } else {
      answer.error(400, "bad_request", null, "not an HTTP/1.x request: " + cause.getMessage());
    }
  }

  private void tooLarge(boolean close) {
    Answer answer = current;
    discard = true;
    releaseBody();
    if (close) {
      answer.keepAlive = false;
      closing = true;
    }
    answer.error(413, "body_too_large", null, "request body exceeds " + maxBodyBytes + " bytes");
  }

  private void endRequest() {
    releaseBody();
    request = null;
    current = null;
    discard = false;
  }

  private void releaseBody() {
    if (first != null) {
      first.release();
      first = null;
    }
    parts = null;
    bodyBytes = 0;
  }

  /** Writes every answer known at the head of the queue, in order, and flushes once. */
  private void writeReady() {
    boolean wrote = false;
    Answer a;
    while ((a = pending.peek()) != null && a.bytes != null) {
      pending.poll();
      wrote = true;
      if (!a.keepAlive) {
        ctx.writeAndFlush(a.bytes).addListener(ChannelFutureListener.CLOSE);
        closing = true;
        closed = true;
        dropPending();
        return;
      }
      ctx.write(a.bytes, ctx.voidPromise()); // no promise per answer: a failed write closes the connection
    }
    if (wrote) {
      ctx.flush();
      if (paused && pending.size() <= RESUME_AT) {
        paused = false;
        ctx.channel().config().setAutoRead(true);
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseBody();
    closing = true;
    closed = true;
    dropPending(); // answers completed later find no connection: their bytes are released unwritten
    ctx.fireChannelInactive();
  }

  /** Forgets every queued answer: the connection closes before they could be written. */
  private void dropPending() {
    Answer a;
    while ((a = pending.poll()) != null) {
      if (a.bytes != null) {
        a.bytes.release();
      }
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("OsmAnd connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  /** The path of a request target: origin form ({@code /?id=}) or absolute ({@code http://host/?id=}). */
  static String path(String uri) {
    int start = 0;
    int scheme = uri.indexOf("://");
    if (scheme > 0 && uri.charAt(0) != '/') {
      start = uri.indexOf('/', scheme + 3);
      if (start < 0) {
        return "/";
      }
    }
    int end = uri.length();
    for (int i = start; i < end; i++) {
      char c = uri.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
      }
    }
    return uri.substring(start, end);
  }

  private static void appendTo(ByteArrayOutputStream out, ByteBuf data) {
    out.writeBytes(ByteBufUtil.getBytes(data));
  }

  /** The answer of one request; its bytes are set once, on the event loop. */
  private final class Answer implements OsmAndReply {
    final boolean http10;
    final boolean head;
    boolean keepAlive;
    ByteBuf bytes;

    Answer(boolean http10, boolean keepAlive, boolean head) {
      this.http10 = http10;
      this.keepAlive = keepAlive;
      this.head = head;
    }

    @Override
    public void ok() {
      set(OsmAndWire.ok(http10, keepAlive));
    }

    @Override
    public void fail(Throwable failure, Duration retryAfter) {
      set(OsmAndWire.failure(http10, keepAlive, head, failure, retryAfter));
    }

    void error(int status, String error, String field, String reason) {
      set(OsmAndWire.error(http10, keepAlive, head, status, error, field, reason, -1));
    }

    private void set(ByteBuf answer) {
      if (bytes != null || closed) {
        answer.release(); // answered already, or the connection is gone
        return;
      }
      bytes = answer;
      writeReady();
    }
  }
}
