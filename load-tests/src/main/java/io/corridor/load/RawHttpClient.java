package io.corridor.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client over one blocking, kept-alive socket with {@code TCP_NODELAY}: the
 * calling thread writes the whole request in one write and reads the answer itself, so a timed
 * query pays for no client thread hand-offs (java.net.http hands every answer from its selector
 * thread to an executor, which on a loaded machine waits for a core). Reads bodies framed by
 * {@code Content-Length} only, which is how Corridor's routes answer; not for general use.
 */
final class RawHttpClient implements AutoCloseable {

  /** A status and a body. */
  record Answer(int status, String body) {}

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawHttpClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** POSTs a JSON {@code body} to {@code path} with a bearer {@code token}; reconnects once if the kept-alive socket was closed. */
  Answer post(String path, String token, String body) throws IOException {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n";
    ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + payload.length);
    request.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(payload);
    for (int attempt = 0; ; attempt++) {
      try {
        connect();
        out.write(request.toByteArray());
        out.flush();
        return read();
      } catch (IOException e) {
        close();
        if (attempt > 0) {
          throw e;
        }
      }
    }
  }

  private void connect() throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), 5000);
      socket.setSoTimeout(60_000);
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = socket.getOutputStream();
    }
  }

  private Answer read() throws IOException {
    String status = line();
    if (status == null) {
      throw new IOException("connection closed before the answer");
    }
    int code = Integer.parseInt(status.split(" ")[1]);
    int length = -1;
    boolean close = false;
    for (String header = line(); header != null && !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:")) {
        throw new IOException("chunked answers are not read by this client: " + header);
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (length < 0) {
      throw new IOException("answer without Content-Length");
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new IOException("connection closed inside the answer");
    }
    if (close) {
      close();
    }
    return new Answer(code, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
      }
      line.append((char) b);
    }
    return line.isEmpty() ? null : line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a dead connection
      } finally {
        socket = null;
      }
    }
  }
}
