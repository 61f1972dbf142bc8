package io.corridor.tracking.testing;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request captured byte for byte in {@code src/test/resources/payloads}, split into its parts. */
public record CapturedRequest(byte[] raw, String method, String uri, Map<String, String> headers, byte[] body) {

  /** Reads {@code payloads/<name>} from the test class path. */
  public static CapturedRequest load(String name) {
    try (InputStream in = CapturedRequest.class.getResourceAsStream("/payloads/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no payload " + name);
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CapturedRequest parse(byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    String head = new String(raw, 0, end, StandardCharsets.US_ASCII);
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    return new CapturedRequest(raw, requestLine[0], requestLine[1], headers, Arrays.copyOfRange(raw, end + 4, raw.length));
  }

  /** The query-string parameters, URL-decoded. */
  public Map<String, List<String>> query() {
    return new QueryStringDecoder(uri, StandardCharsets.UTF_8).parameters();
  }

  /** The body read as a form, URL-decoded. */
  public Map<String, List<String>> form() {
    return new QueryStringDecoder(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters();
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("no end of headers");
  }
}
