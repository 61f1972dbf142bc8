package io.corridor.ingest;

import io.vertx.core.json.JsonObject;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a PostgreSQL binary {@code COPY} payload field by field, the cheapest way to move rows
 * into PostgreSQL (no text parsing on either side); {@link BinaryCopy#copyIn} sends it. The one
 * encoder of that format for every table (plate reads and their outbox, positions, the cargo
 * outbox, drone telemetry). One instance builds one payload; not thread-safe.
 */
public final class CopyPayload {

  private static final int TEXT_OID = 25;
  /** Seconds from the Unix epoch to PostgreSQL's 2000-01-01 epoch of binary timestamps. */
  private static final long PG_EPOCH_SECONDS = 946_684_800L;
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  private static final byte JSONB_VERSION = 1;

  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  // Written straight into a growing array: a DataOutputStream over a ByteArrayOutputStream took a
  // lock and a captured lambda per field, a third of the positions writer's samples.
  private byte[] buf;
  private int size;

  /** A payload sized for about {@code rows} rows of {@code rowBytes}. */
  public CopyPayload(int rows, int rowBytes) {
    buf = new byte[Math.max(64, rows * rowBytes + 32)];
    bytes(HEADER);
    int4(0); // flags: no OIDs
    int4(0); // no header extension
  }

  /** Starts a row of {@code fields} fields. */
  public CopyPayload row(int fields) {
    int2raw(fields);
    return this;
  }

  /** A uuid field from its canonical text. */
  public CopyPayload uuid(String id) {
    UUID uuid = UUID.fromString(id);
    int4(16);
    int8(uuid.getMostSignificantBits());
    int8(uuid.getLeastSignificantBits());
    return this;
  }

  /** A text field; {@code null} is SQL NULL. */
  public CopyPayload text(String value) {
    if (value == null) {
      int4(-1);
    } else {
      byte[] b = value.getBytes(StandardCharsets.UTF_8);
      int4(b.length);
      bytes(b);
    }
    return this;
  }

  /** A bytea field. */
  public CopyPayload bytea(byte[] value) {
    int4(value.length);
    bytes(value);
    return this;
  }

  /** A smallint field; {@code null} is SQL NULL. */
  public CopyPayload int2(Integer value) {
    if (value == null) {
      int4(-1);
    } else {
      int4(2);
      int2raw(value);
    }
    return this;
  }

  /** A timestamptz field (microseconds since 2000-01-01). */
  public CopyPayload timestamp(Instant at) {
    int4(8);
    int8((at.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + at.getNano() / 1_000);
    return this;
  }

  /** A double precision field; {@code null} is SQL NULL. */
  public CopyPayload float8(Double value) {
    if (value == null) {
      int4(-1);
    } else {
      int4(8);
      int8(Double.doubleToLongBits(value));
    }
    return this;
  }

  /** A real field; {@code null} is SQL NULL. */
  public CopyPayload float4(Float value) {
    if (value == null) {
      int4(-1);
    } else {
      int4(4);
      int4(Float.floatToIntBits(value));
    }
    return this;
  }

  /** A boolean field; {@code null} is SQL NULL. */
  public CopyPayload bool(Boolean value) {
    if (value == null) {
      int4(-1);
    } else {
      int4(1);
      ensure(1);
      buf[size++] = (byte) (value ? 1 : 0);
    }
    return this;
  }

  /**
   * A jsonb value; {@code null} or empty maps are written as SQL NULL. A flat map of strings,
   * numbers, booleans and nulls (a tracker's sensor values, on every position) is written as JSON
   * text straight into the payload; anything nested goes through Vert.x's JSON codec, whose
   * serializer setup per call was most of what the positions writer allocated per fix.
   */
  public CopyPayload jsonb(Map<String, ?> value) {
    if (value == null || value.isEmpty()) {
      int4(-1);
      return this;
    }
    if (!flat(value)) {
      return jsonbBytes(new JsonObject(Map.copyOf(value)).encode().getBytes(StandardCharsets.UTF_8));
    }
    int lengthAt = size;
    int4(0); // patched below, once the text's length is known
    ensure(1);
    buf[size++] = JSONB_VERSION;
    ascii('{');
    boolean first = true;
    for (Map.Entry<String, ?> e : value.entrySet()) {
      if (!first) {
        ascii(',');
      }
      first = false;
      jsonString(String.valueOf(e.getKey()));
      ascii(':');
      jsonScalar(e.getValue());
    }
    ascii('}');
    INT.set(buf, lengthAt, size - lengthAt - 4);
    return this;
  }

  private static boolean flat(Map<String, ?> value) {
    for (Object v : value.values()) {
      if (v != null && !(v instanceof CharSequence) && !(v instanceof Number) && !(v instanceof Boolean)) {
        return false;
      }
    }
    return true;
  }

  private void jsonScalar(Object v) {
    if (v == null) {
      asciiText("null");
    } else if (v instanceof Boolean b) {
      asciiText(b ? "true" : "false");
    } else if (v instanceof Double || v instanceof Float) {
      // a float's own shortest digits (0.1f is "0.1", not its double's "0.10000000149011612"), as the codec wrote them
      String digits = v instanceof Float f ? Float.toString(f) : Double.toString((Double) v);
      if (Double.isFinite(((Number) v).doubleValue())) {
        asciiText(digits); // digits, '.', '-', 'E': valid JSON numbers
      } else {
        jsonString(digits); // JSON has no NaN or Infinity; as text, the way Vert.x's codec writes them
      }
    } else if (v instanceof Number n) {
      if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
        asciiText(n.toString());
      } else {
        jsonString(n.toString()); // BigDecimal and friends: not guessed at
      }
    } else {
      jsonString(v.toString());
    }
  }

  /** {@code s} as a JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8. */
  private void jsonString(String s) {
    ascii('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        ascii('\\');
        ascii(c);
      } else if (c < 0x20) {
        asciiText(String.format("\\u%04x", (int) c));
      } else if (c < 0x80) {
        ascii(c);
      } else {
        int end = i + 1;
        while (end < n && s.charAt(end) >= 0x80) {
          end++;
        }
        bytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    ascii('"');
  }

  private void ascii(char c) {
    ensure(1);
    buf[size++] = (byte) c;
  }

  private void asciiText(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) s.charAt(i);
    }
  }

  /** A jsonb value already encoded as JSON text; {@code null} is SQL NULL. */
  public CopyPayload jsonbText(String json) {
    if (json == null) {
      int4(-1);
      return this;
    }
    return jsonbBytes(json.getBytes(StandardCharsets.UTF_8));
  }

  private CopyPayload jsonbBytes(byte[] json) {
    int4(json.length + 1);
    ensure(1);
    buf[size++] = JSONB_VERSION;
    bytes(json);
    return this;
  }

  /** A one-dimensional text[]; zero dimensions when empty, which is how PostgreSQL sends '{}'. */
  public CopyPayload textArray(List<String> values) {
    if (values.isEmpty()) {
      int4(12);
      int4(0);
      int4(0);
      int4(TEXT_OID);
      return this;
    }
    byte[][] elements = new byte[values.size()][];
    int length = 20;
    for (int i = 0; i < elements.length; i++) {
      elements[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
      length += 4 + elements[i].length;
    }
    int4(length);
    int4(1);
    int4(0);
    int4(TEXT_OID);
    int4(elements.length);
    int4(1);
    for (byte[] element : elements) {
      int4(element.length);
      bytes(element);
    }
    return this;
  }

  /** Ends the payload and returns it. */
  public byte[] finish() {
    int2raw(-1);
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  private void int2raw(int v) {
    ensure(2);
    SHORT.set(buf, size, (short) v);
    size += 2;
  }

  private void int4(int v) {
    ensure(4);
    INT.set(buf, size, v);
    size += 4;
  }

  private void int8(long v) {
    ensure(8);
    LONG.set(buf, size, v);
    size += 8;
  }

  private void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }
}
