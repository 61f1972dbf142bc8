package io.corridor.tracking.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a captured request byte for byte over a TCP socket, as the tracker did, and reads one
 * HTTP/1.x answer (status, headers, body by Content-Length).
 */
public final class RawHttp {

  /** The captured payloads were recorded on 2026-11-30 from 08:00 UTC. */
  public static final Instant CAPTURED = Instant.parse("2026-11-30T08:10:00Z");

  /** One answer; {@code statusLine} as sent, e.g. {@code HTTP/1.0 200 OK}. */
  public record Answer(String statusLine, int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  /** A ticking clock that stands at {@link #CAPTURED} now, so captured timestamps stay recent. */
  public static Clock capturedClock() {
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), CAPTURED));
  }

  /** Sends {@code raw} to 127.0.0.1:{@code port} and reads the answer. */
  public static Answer exchange(int port, byte[] raw) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(raw);
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    }
  }

  /** Reads one answer from {@code in}: status line, headers, a body of {@code Content-Length} bytes. */
  public static Answer read(InputStream in) throws IOException {
    String[] lines = readHead(in).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    return new Answer(lines[0], Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the answer's headers ended: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    return text.substring(0, text.length() - 4);
  }
}
