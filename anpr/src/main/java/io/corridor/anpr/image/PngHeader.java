package io.corridor.anpr.image;

import io.corridor.anpr.InvalidImageException;
import java.util.zip.CRC32;

/** Reads a PNG's size from its IHDR chunk, which the PNG spec requires to come first. */
final class PngHeader {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  // signature (8) + chunk length (4) + "IHDR" (4) + IHDR data (13) + CRC (4)
  private static final int HEADER_BYTES = 8 + 4 + 4 + 13 + 4;
  private static final int IHDR_DATA_LENGTH = 13;

  private PngHeader() {}

  static boolean hasSignature(byte[] b) {
    // The first four bytes suffice to tell "meant to be a PNG"; a shorter file with them is a
    // truncated PNG, not an unknown format.
    return b.length >= 4 && b[0] == SIGNATURE[0] && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
  }

  static ImageInfo read(byte[] b) {
    if (b.length < HEADER_BYTES) {
      throw new InvalidImageException("truncated PNG header: " + b.length + " bytes, need at least " + HEADER_BYTES);
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (b[i] != SIGNATURE[i]) {
        // Bytes 4..7 catch files mangled by text-mode transfers (CRLF conversion).
        throw new InvalidImageException("corrupt PNG signature at byte " + i);
      }
    }
    if (Bytes.int32(b, 8) != IHDR_DATA_LENGTH || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
      throw new InvalidImageException("corrupt PNG header: first chunk is not a 13-byte IHDR");
    }
    CRC32 crc = new CRC32();
    crc.update(b, 12, 4 + IHDR_DATA_LENGTH);
    if ((int) crc.getValue() != Bytes.int32(b, 29)) {
      throw new InvalidImageException("corrupt PNG header: IHDR checksum mismatch");
    }
    long width = Bytes.uint32(b, 16);
    long height = Bytes.uint32(b, 20);
    if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      // The PNG spec caps dimensions at 2^31-1.
      throw new InvalidImageException("corrupt PNG header: size " + width + "x" + height + " is out of range");
    }
    return new ImageInfo(ImageFormat.PNG, (int) width, (int) height);
  }
}
