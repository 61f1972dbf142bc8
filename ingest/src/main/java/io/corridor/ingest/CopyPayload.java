package io.corridor.ingest;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

  private final ByteArrayOutputStream bytes;
  private final DataOutputStream out;

  /** A payload sized for about {@code rows} rows of {@code rowBytes}. */
  public CopyPayload(int rows, int rowBytes) {
    bytes = new ByteArrayOutputStream(rows * rowBytes + 32);
    out = new DataOutputStream(bytes);
    io(() -> {
      out.write(HEADER);
      out.writeInt(0); // flags: no OIDs
      out.writeInt(0); // no header extension
    });
  }

  /** Starts a row of {@code fields} fields. */
  public CopyPayload row(int fields) {
    io(() -> out.writeShort(fields));
    return this;
  }

  /** A uuid field from its canonical text. */
  public CopyPayload uuid(String id) {
    UUID uuid = UUID.fromString(id);
    io(() -> {
      out.writeInt(16);
      out.writeLong(uuid.getMostSignificantBits());
      out.writeLong(uuid.getLeastSignificantBits());
    });
    return this;
  }

  /** A text field; {@code null} is SQL NULL. */
  public CopyPayload text(String value) {
    io(() -> {
      if (value == null) {
        out.writeInt(-1);
      } else {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      }
    });
    return this;
  }

  /** A bytea field. */
  public CopyPayload bytea(byte[] value) {
    io(() -> {
      out.writeInt(value.length);
      out.write(value);
    });
    return this;
  }

  /** A smallint field; {@code null} is SQL NULL. */
  public CopyPayload int2(Integer value) {
    io(() -> {
      if (value == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(2);
        out.writeShort(value);
      }
    });
    return this;
  }

  /** A timestamptz field (microseconds since 2000-01-01). */
  public CopyPayload timestamp(Instant at) {
    io(() -> {
      out.writeInt(8);
      out.writeLong((at.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + at.getNano() / 1_000);
    });
    return this;
  }

  /** A double precision field; {@code null} is SQL NULL. */
  public CopyPayload float8(Double value) {
    io(() -> {
      if (value == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(8);
        out.writeDouble(value);
      }
    });
    return this;
  }

  /** A real field; {@code null} is SQL NULL. */
  public CopyPayload float4(Float value) {
    io(() -> {
      if (value == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(4);
        out.writeFloat(value);
      }
    });
    return this;
  }

  /** A boolean field; {@code null} is SQL NULL. */
  public CopyPayload bool(Boolean value) {
    io(() -> {
      if (value == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(1);
        out.writeByte(value ? 1 : 0);
      }
    });
    return this;
  }

  /** A jsonb value; {@code null} or empty maps are written as SQL NULL. */
  public CopyPayload jsonb(Map<String, ?> value) {
    if (value == null || value.isEmpty()) {
      io(() -> out.writeInt(-1));
      return this;
    }
    byte[] json = new JsonObject(Map.copyOf(value)).encode().getBytes(StandardCharsets.UTF_8);
    io(() -> {
      out.writeInt(json.length + 1);
      out.writeByte(JSONB_VERSION);
      out.write(json);
    });
    return this;
  }

  /** A jsonb value already encoded as JSON text; {@code null} is SQL NULL. */
  public CopyPayload jsonbText(String json) {
    if (json == null) {
      io(() -> out.writeInt(-1));
      return this;
    }
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    io(() -> {
      out.writeInt(b.length + 1);
      out.writeByte(JSONB_VERSION);
      out.write(b);
    });
    return this;
  }

  /** A one-dimensional text[]; zero dimensions when empty, which is how PostgreSQL sends '{}'. */
  public CopyPayload textArray(List<String> values) {
    io(() -> {
      if (values.isEmpty()) {
        out.writeInt(12);
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(TEXT_OID);
        return;
      }
      List<byte[]> elements = values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
      out.writeInt(20 + elements.stream().mapToInt(e -> 4 + e.length).sum());
      out.writeInt(1);
      out.writeInt(0);
      out.writeInt(TEXT_OID);
      out.writeInt(elements.size());
      out.writeInt(1);
      for (byte[] element : elements) {
        out.writeInt(element.length);
        out.write(element);
      }
    });
    return this;
  }

  /** Ends the payload and returns it. */
  public byte[] finish() {
    io(() -> {
      out.writeShort(-1);
      out.flush();
    });
    return bytes.toByteArray();
  }

  private interface IoStep {
    void run() throws IOException;
  }

  private static void io(IoStep step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
  }
}
