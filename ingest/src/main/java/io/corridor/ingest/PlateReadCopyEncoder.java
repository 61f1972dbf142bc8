package io.corridor.ingest;

import io.corridor.events.PlateRead;
import io.corridor.storage.PlateProtector;
import java.util.List;

/**
 * Encodes plate reads as a PostgreSQL binary {@code COPY} payload in the column order of
 * {@link #COLUMNS}. The plate leaves this class only as HMAC and AES-GCM ciphertext. Binary COPY
 * is written by {@link CopyPayload}.
 */
public final class PlateReadCopyEncoder {

  /** Columns of {@code plate_reads}, in payload order. */
  public static final String COLUMNS = "event_id, device_id, event_time, received_time, plate_hash, plate_ct, country,"
      + " confidence, lat, lon, lane, speed_kmh, frame_ids";

  /** Columns of {@code rules_outbox} written at ingest, in {@link #encodeOutbox} payload order. */
  public static final String OUTBOX_COLUMNS = "event_id, event_time";

  private PlateReadCopyEncoder() {}

  /**
   * The payload of {@code reads}; plates must already be normalised and received times stamped
   * (as {@link ReadValidator} leaves them).
   */
  public static byte[] encode(List<PlateRead> reads, PlateProtector protector) {
    CopyPayload copy = new CopyPayload(reads.size(), 192);
    for (PlateRead r : reads) {
      copy.row(13)
          .uuid(r.getEventId())
          .text(r.getDeviceId())
          .timestamp(r.getEventTime())
          .timestamp(r.getReceivedTime())
          .bytea(protector.hash(r.getPlate()))
          .bytea(protector.encrypt(r.getPlate()))
          .text(r.getCountry())
          .float4(r.getConfidence())
          .float8(r.getLocation() == null ? null : r.getLocation().getLat())
          .float8(r.getLocation() == null ? null : r.getLocation().getLon())
          .int2(r.getLane())
          .float4(r.getSpeedKmh())
          .textArray(r.getFrameIds());
    }
    return copy.finish();
  }

  /**
   * The payload of the {@code rules_outbox} rows of {@code reads} (columns {@link #OUTBOX_COLUMNS}):
   * only the key of each read, so the durable position of the rules costs a few bytes a read.
   */
  public static byte[] encodeOutbox(List<PlateRead> reads) {
    CopyPayload copy = new CopyPayload(reads.size(), 38);
    for (PlateRead r : reads) {
      copy.row(2).uuid(r.getEventId()).timestamp(r.getEventTime());
    }
    return copy.finish();
  }
}
