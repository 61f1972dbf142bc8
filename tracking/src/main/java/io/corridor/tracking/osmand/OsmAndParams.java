package io.corridor.tracking.osmand;

import io.corridor.ingest.IngestException;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one OsmAnd request as name/value pairs in the order sent, URL-decoded, a
 * repeated name once per value. Read in one pass over the query string: a tracker's query of
 * plain characters (letters, digits, {@code . - _ , : ! ~ * ' ( )}) is cut into substrings without
 * building maps or lists; anything else (percent escapes, {@code +}, {@code ;}, a fragment, an
 * empty name) is read by Netty's {@link QueryStringDecoder}, exactly as before.
 */
final class OsmAndParams {

  /** Netty's decoder keeps the first 1024 parameters; so does the plain path. */
  private static final int MAX_PARAMS = 1024;

  /** The ASCII characters that mean themselves in a query: one table lookup per character. */
  private static final boolean[] PLAIN = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      PLAIN[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ".-_,:!~*'()".indexOf(c) >= 0;
    }
  }

  /**
   * The parameter names of the OsmAnd protocol and the sensors trackers commonly send, by length;
   * their hashes computed once.
   */
  private static final String[][] KNOWN_BY_LENGTH = byLength("id", "deviceid", "key", "timestamp", "lat", "lon",
      "location", "speed", "bearing", "heading", "altitude", "accuracy", "batt", "valid", "fuel", "temp1", "temp", "door",
      "seal", "alarm", "ignition", "charge", "motion", "hdop", "odometer", "cell", "wifi", "driverUniqueId");

  private static String[][] byLength(String... names) {
    int max = 0;
    for (String n : names) {
      max = Math.max(max, n.length());
    }
    String[][] table = new String[max + 1][];
    for (int length = 0; length <= max; length++) {
      int len = length;
      table[length] = java.util.Arrays.stream(names).filter(n -> n.length() == len).toArray(String[]::new);
      for (String n : table[length]) {
        n.hashCode(); // cached in the String from here on
      }
    }
    return table;
  }

  private String[] names;
  private String[] values;
  private int size;

  private OsmAndParams(int capacity) {
    names = new String[capacity];
    values = new String[capacity];
  }

  /** The parameters of a request URI ({@code /?id=...}); the path is not checked here. */
  static OsmAndParams ofUri(String uri) {
    int q = uri.indexOf('?');
    if (uri.indexOf('#') >= 0) {
      return decoded(uri, true); // a fragment, before or after the query: Netty decides what is query
    }
    if (q < 0) {
      return new OsmAndParams(0);
    }
    OsmAndParams plain = plain(uri, q + 1);
    return plain != null ? plain : decoded(uri, true);
  }

  /** The parameters of a form body ({@code id=...&lat=...}). */
  static OsmAndParams ofForm(String body) {
    OsmAndParams plain = plain(body, 0);
    return plain != null ? plain : decoded(body, false);
  }

  /** Pairs from already decoded parameters (every value of a repeated name, in order). */
  static OsmAndParams of(Map<String, List<String>> params) {
    OsmAndParams p = new OsmAndParams(Math.max(4, params.size()));
    params.forEach((name, list) -> list.forEach(value -> p.add(name, value)));
    return p;
  }

  private static OsmAndParams decoded(String s, boolean hasPath) {
    try {
      return of(new QueryStringDecoder(s, StandardCharsets.UTF_8, hasPath).parameters());
    } catch (IllegalArgumentException e) {
      // a broken percent escape: a 400 naming the query rather than an internal error
      throw IngestException.invalid("query", "is not a valid URL-encoded query string: " + e.getMessage());
    }
  }

  /**
   * The pairs of {@code s} from {@code from}, or null when it holds a character whose meaning
   * Netty's decoder settles (escapes, {@code +}, {@code ;}, {@code #}) or a segment starting with
   * {@code =}.
   */
  private static OsmAndParams plain(String s, int from) {
    int n = s.length();
    OsmAndParams p = new OsmAndParams(16);
    int start = from;
    int eq = -1;
    for (int i = from; i <= n; i++) {
      char c = i == n ? '&' : s.charAt(i);
      if (c == '&') {
        if (i > start && p.size < MAX_PARAMS) {
          if (eq < 0) {
            p.add(name(s, start, i), "");
          } else {
            p.add(name(s, start, eq), s.substring(eq + 1, i));
          }
        }
        start = i + 1;
        eq = -1;
      } else if (c == '=') {
        if (i == start) {
          return null;
        }
        if (eq < 0) {
          eq = i;
        }
      } else if (!plain(c)) {
        return null;
      }
    }
    return p;
  }

  /**
   * The name in {@code s} from {@code start} to {@code end}: the shared constant when it is one a
   * tracker sends with every fix (so the decoder's switch finds its hash cached and matches it by
   * identity), else a substring.
   */
  private static String name(String s, int start, int end) {
    int length = end - start;
    if (length < KNOWN_BY_LENGTH.length) {
      for (String known : KNOWN_BY_LENGTH[length]) {
        if (s.startsWith(known, start)) {
          return known;
        }
      }
    }
    return s.substring(start, end);
  }

  private static boolean plain(char c) {
    return c < 128 && PLAIN[c];
  }

  private void add(String name, String value) {
    if (size == names.length) {
      names = java.util.Arrays.copyOf(names, Math.max(4, size * 2));
      values = java.util.Arrays.copyOf(values, Math.max(4, size * 2));
    }
    names[size] = name;
    values[size++] = value;
  }

  int size() {
    return size;
  }

  String name(int i) {
    return names[i];
  }

  String value(int i) {
    return values[i];
  }

  /** The first value of {@code name}, or null. */
  String first(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }
}
