package io.corridor.ingest;

import java.util.Arrays;

/**
 * Walks the framing of an Avro object container before Avro decodes it: magic, metadata, sync
 * marker, then every block's count, size and trailing sync. Avro's own reader treats a container
 * cut inside a later block as a clean end, and allocates whatever size a block header declares;
 * this check refuses both, cheaply, without allocating.
 */
public final class AvroContainerCheck {

  private static final byte[] MAGIC = {'O', 'b', 'j', 1};
  private static final int SYNC_SIZE = 16;

  private final byte[] body;
  private int pos;

  private AvroContainerCheck(byte[] body) {
    this.body = body;
  }

  /**
   * @throws IngestException 400 naming what is wrong with the framing
   */
  public static void validate(byte[] body) {
    new AvroContainerCheck(body).walk();
  }

  private void walk() {
    if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw IngestException.malformed("body is not an Avro object container (no 'Obj' magic)");
    }
    pos = MAGIC.length;
    skipMetadata();
    int syncAt = need(SYNC_SIZE, "header sync marker");
    pos += SYNC_SIZE;
    int block = 0;
    while (pos < body.length) {
      block++;
      long count = readLong("block " + block + " object count");
      long size = readLong("block " + block + " size");
      if (count < 0 || size < 0 || size > body.length - pos) {
        throw IngestException.malformed("Avro container block " + block + " declares " + size
            + " bytes but only " + (body.length - pos) + " remain: truncated or corrupt");
      }
      pos += (int) size;
      need(SYNC_SIZE, "block " + block + " sync marker");
      if (!Arrays.equals(body, pos, pos + SYNC_SIZE, body, syncAt, syncAt + SYNC_SIZE)) {
        throw IngestException.malformed("Avro container block " + block + " does not end with the header's sync marker");
      }
      pos += SYNC_SIZE;
    }
  }

  private void skipMetadata() {
    while (true) {
      long entries = readLong("metadata map");
      if (entries == 0) {
        return;
      }
      if (entries < 0) {
        entries = -entries;
        readLong("metadata block size");
      }
      for (long i = 0; i < entries; i++) {
        skipBytes("metadata key");
        skipBytes("metadata value");
      }
    }
  }

  private void skipBytes(String what) {
    long length = readLong(what + " length");
    if (length < 0 || length > body.length - pos) {
      throw IngestException.malformed("Avro container " + what + " is truncated");
    }
    pos += (int) length;
  }

  private int need(int bytes, String what) {
    if (body.length - pos < bytes) {
      throw IngestException.malformed("Avro container " + what + " is truncated");
    }
    return pos;
  }

  /** A zig-zag variable-length long, as Avro writes counts and sizes. */
  private long readLong(String what) {
    long raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= body.length) {
        throw IngestException.malformed("Avro container " + what + " is truncated");
      }
      int b = body[pos++] & 0xff;
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw IngestException.malformed("Avro container " + what + " is not a valid varint");
  }
}
