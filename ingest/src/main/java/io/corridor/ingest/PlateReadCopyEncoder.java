package io.corridor.ingest;

import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Encodes plate reads as a PostgreSQL binary {@code COPY} payload in the column order of
 * {@link #COLUMNS}. The plate leaves this class only as HMAC and AES-GCM ciphertext. Binary COPY
 * is the cheapest way to move rows into PostgreSQL: no text parsing on either side.
 */
public final class PlateReadCopyEncoder {

  /** Columns of {@code plate_reads}, in payload order. */
  public static final String COLUMNS = "event_id, device_id, event_time, received_time, plate_hash, plate_ct, country,"
      + " confidence, lat, lon, lane, speed_kmh, frame_ids";

  /** Columns of {@code rules_outbox} written at ingest, in {@link #encodeOutbox} payload order. */
  public static final String OUTBOX_COLUMNS = "event_id, event_time";

  private static final int TEXT_OID = 25;
  /** Seconds from the Unix epoch to PostgreSQL's 2000-01-01 epoch of binary timestamps. */
  private static final long PG_EPOCH_SECONDS = 946_684_800L;
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

  private PlateReadCopyEncoder() {}

  /**
   * The payload of {@code reads}; plates must already be normalised and received times stamped
   * (as {@link ReadValidator} leaves them).
   */
  public static byte[] encode(List<PlateRead> reads, PlateProtector protector) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(reads.size() * 192 + 32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(HEADER);
      out.writeInt(0); // flags: no OIDs
      out.writeInt(0); // no header extension
      for (PlateRead r : reads) {
        out.writeShort(13);
        UUID id = UUID.fromString(r.getEventId());
        out.writeInt(16);
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
        text(out, r.getDeviceId());
        timestamp(out, r.getEventTime());
        timestamp(out, r.getReceivedTime());
        bytes(out, protector.hash(r.getPlate()));
        bytes(out, protector.encrypt(r.getPlate()));
        text(out, r.getCountry());
        out.writeInt(4);
        out.writeFloat(r.getConfidence());
        float8(out, r.getLocation() == null ? null : r.getLocation().getLat());
        float8(out, r.getLocation() == null ? null : r.getLocation().getLon());
        if (r.getLane() == null) {
          out.writeInt(-1);
        } else {
          out.writeInt(2);
          out.writeShort(r.getLane());
        }
        if (r.getSpeedKmh() == null) {
          out.writeInt(-1);
        } else {
          out.writeInt(4);
          out.writeFloat(r.getSpeedKmh());
        }
        textArray(out, r.getFrameIds());
      }
      out.writeShort(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The payload of the {@code rules_outbox} rows of {@code reads} (columns {@link #OUTBOX_COLUMNS}):
   * only the key of each read, so the durable position of the rules costs a few bytes a read.
   */
  public static byte[] encodeOutbox(List<PlateRead> reads) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(reads.size() * 38 + 32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(HEADER);
      out.writeInt(0);
      out.writeInt(0);
      for (PlateRead r : reads) {
        out.writeShort(2);
        UUID id = UUID.fromString(r.getEventId());
        out.writeInt(16);
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
        timestamp(out, r.getEventTime());
      }
      out.writeShort(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void text(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
    } else {
      bytes(out, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void bytes(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  private static void timestamp(DataOutputStream out, Instant at) throws IOException {
    out.writeInt(8);
    out.writeLong((at.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + at.getNano() / 1_000);
  }

  private static void float8(DataOutputStream out, Double value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(8);
      out.writeDouble(value);
    }
  }

  /** A one-dimensional text[]; zero dimensions when empty, which is how PostgreSQL sends '{}'. */
  private static void textArray(DataOutputStream out, List<String> values) throws IOException {
    if (values.isEmpty()) {
      out.writeInt(12);
      out.writeInt(0);
      out.writeInt(0);
      out.writeInt(TEXT_OID);
      return;
    }
    List<byte[]> elements = values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
    int length = 20 + elements.stream().mapToInt(e -> 4 + e.length).sum();
    out.writeInt(length);
    out.writeInt(1);
    out.writeInt(0);
    out.writeInt(TEXT_OID);
    out.writeInt(elements.size());
    out.writeInt(1);
    for (byte[] element : elements) {
      bytes(out, element);
    }
  }
}
