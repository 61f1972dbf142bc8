package io.corridor.load;

import io.vertx.core.buffer.Buffer;

/**
 * The first HTTP/1.1 answer in the bytes read so far off a keep-alive connection, found by
 * scanning those bytes: where its head ends, its status and its {@code Content-Length}. The OsmAnd
 * load generator reads every answer this way; decoding the head into strings and splitting it
 * into lines allocated about a kilobyte per answer in the bench's JVM, which the node shares.
 */
final class HttpAnswer {

  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private HttpAnswer() {}

  /** The offset of the blank line ending the first head ({@code \r\n\r\n}), or -1 while it is incomplete. */
  static int headEnd(Buffer b) {
    for (int i = 0, n = b.length() - 3; i < n; i++) {
      if (b.getByte(i) == '\r' && b.getByte(i + 1) == '\n' && b.getByte(i + 2) == '\r' && b.getByte(i + 3) == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first answer's length in bytes, head and body, or 0 while it is incomplete.
   *
   * @param headEnd {@link #headEnd} of {@code b}, not -1
   * @throws IllegalStateException for a {@code Content-Length} that is not a number
   */
  static int length(Buffer b, int headEnd) {
    int body = 0;
    for (int line = 0; line < headEnd; line = nextLine(b, line, headEnd)) {
      if (startsWithIgnoringCase(b, line, CONTENT_LENGTH)) {
        body = digits(b, line + CONTENT_LENGTH.length, headEnd);
      }
    }
    int total = headEnd + 4 + body;
    return b.length() < total ? 0 : total;
  }

  /** The three-digit status of the head starting at 0 ({@code HTTP/1.1 200 OK}). */
  static int status(Buffer b) {
    int status = 0;
    for (int i = 9; i < 12; i++) {
      int d = b.getByte(i) - '0';
      if (d < 0 || d > 9) {
        throw new IllegalStateException("not an HTTP status line: " + b.getString(0, Math.min(b.length(), 40)));
      }
      status = status * 10 + d;
    }
    return status;
  }

  private static int nextLine(Buffer b, int from, int end) {
    for (int i = from; i < end; i++) {
      if (b.getByte(i) == '\r' && b.getByte(i + 1) == '\n') {
        return i + 2;
      }
    }
    return end;
  }

  private static boolean startsWithIgnoringCase(Buffer b, int at, byte[] lowerCase) {
    if (at + lowerCase.length > b.length()) {
      return false;
    }
    for (int i = 0; i < lowerCase.length; i++) {
      if ((b.getByte(at + i) | 0x20) != lowerCase[i]) {
        return false;
      }
    }
    return true;
  }

  private static int digits(Buffer b, int from, int end) {
    int i = from;
    while (i < end && (b.getByte(i) == ' ' || b.getByte(i) == '\t')) {
      i++;
    }
    int value = 0;
    int start = i;
    for (; i < end && b.getByte(i) != '\r'; i++) {
      int d = b.getByte(i) - '0';
      if (d < 0 || d > 9) {
        if (b.getByte(i) == ' ' || b.getByte(i) == '\t') {
          break;
        }
        throw new IllegalStateException("Content-Length is not a number at byte " + i);
      }
      value = Math.addExact(Math.multiplyExact(value, 10), d);
    }
    if (i == start) {
      throw new IllegalStateException("empty Content-Length at byte " + start);
    }
    return value;
  }
}
