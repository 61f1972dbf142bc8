package io.corridor.tracking.osmand;

import io.corridor.ingest.IngestException;
import io.corridor.ingest.UnavailableException;
import io.corridor.tracking.positions.DeviceAnswers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The OsmAnd server's answers as bytes on the wire. The 200 a tracker gets for nearly every fix is
 * encoded once per form (HTTP/1.0 or 1.1, keep-alive or close) and written as a duplicate of one shared
 * buffer; an error is the one JSON shape of every Corridor error ({@code {error, field?, reason}},
 * as {@code ErrorResponse} sends it) with {@code Cache-Control: no-store} and, for a 503,
 * {@code Retry-After} in whole seconds.
 */
final class OsmAndWire {

  private static final ByteBuf OK_11 = constant("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
  private static final ByteBuf OK_11_CLOSE = constant("HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
  private static final ByteBuf OK_10_KEEP_ALIVE = constant(
      "HTTP/1.0 200 OK\r\nconnection: keep-alive\r\ncontent-length: 0\r\n\r\n");
  private static final ByteBuf OK_10 = constant("HTTP/1.0 200 OK\r\ncontent-length: 0\r\n\r\n");
  private static final ByteBuf CONTINUE = constant("HTTP/1.1 100 Continue\r\n\r\n");

  private OsmAndWire() {}

  /** The empty 200 answer; the caller's write releases it. */
  static ByteBuf ok(boolean http10, boolean keepAlive) {
    ByteBuf b = http10 ? (keepAlive ? OK_10_KEEP_ALIVE : OK_10) : (keepAlive ? OK_11 : OK_11_CLOSE);
    return b.retainedDuplicate();
  }

  /** The interim answer to {@code Expect: 100-continue}. */
  static ByteBuf continueAnswer() {
    return CONTINUE.retainedDuplicate();
  }

  /**
   * The answer {@code failure} stands for: an {@link UnavailableException} 503 with its Retry-After,
   * an {@link IngestException} its status, anything else 503 with {@code retryAfter}.
   */
  static ByteBuf failure(boolean http10, boolean keepAlive, boolean head, Throwable failure, Duration retryAfter) {
    Throwable cause = DeviceAnswers.unwrap(failure);
    if (cause instanceof UnavailableException unavailable) {
      return error(http10, keepAlive, head, 503, "unavailable", null, unavailable.getMessage(),
          unavailable.retryAfter().toSeconds());
    }
    if (cause instanceof IngestException e) {
      return error(http10, keepAlive, head, e.status(), e.error(), e.field(), e.getMessage(), -1);
    }
    return error(http10, keepAlive, head, 503, "unavailable", null, "position not stored: internal error",
        retryAfter.toSeconds());
  }

  /**
   * One error answer.
   *
   * @param head whether the request was a HEAD: the headers name the body's length, the body is not sent
   * @param retryAfterSeconds sent as {@code Retry-After} (at least 1) for a 503; ignored otherwise
   */
  static ByteBuf error(boolean http10, boolean keepAlive, boolean head, int status, String error, String field,
      String reason, long retryAfterSeconds) {
    JsonObject json = new JsonObject().put("error", error);
    if (field != null) {
      json.put("field", field);
    }
    json.put("reason", reason);
    byte[] body = json.encode().getBytes(StandardCharsets.UTF_8);
    StringBuilder head1 = new StringBuilder(192).append(http10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(status).append(' ')
        .append(HttpResponseStatus.valueOf(status).reasonPhrase())
        .append("\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n");
    if (status == 503) {
      head1.append("Retry-After: ").append(Math.max(1, retryAfterSeconds)).append("\r\n");
    }
    if (http10 && keepAlive) {
      head1.append("connection: keep-alive\r\n");
    } else if (!http10 && !keepAlive) {
      head1.append("connection: close\r\n");
    }
    head1.append("content-length: ").append(body.length).append("\r\n\r\n");
    byte[] headBytes = head1.toString().getBytes(StandardCharsets.US_ASCII);
    return head ? Unpooled.wrappedBuffer(headBytes) : Unpooled.wrappedBuffer(headBytes, body);
  }

  private static ByteBuf constant(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    return Unpooled.directBuffer(bytes.length).writeBytes(bytes); // never released: written as duplicates
  }
}
