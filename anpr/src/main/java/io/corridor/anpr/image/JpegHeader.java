package io.corridor.anpr.image;

import io.corridor.anpr.InvalidImageException;
import java.util.Locale;

/**
 * Reads a JPEG's size from its start-of-frame (SOFn) segment by walking the marker segments that
 * precede it (APPn, DQT, DHT, ...). Stops at start-of-scan: pixel data is never touched.
 */
final class JpegHeader {

  private static final int SOI = 0xD8;
  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;

  private JpegHeader() {}

  static boolean hasSignature(byte[] b) {
    return b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == SOI;
  }

  static ImageInfo read(byte[] b) {
    int pos = 2;
    while (true) {
      // Markers may be preceded by any number of 0xFF fill bytes.
      if (pos >= b.length) {
        throw truncated(b);
      }
      if ((b[pos] & 0xFF) != 0xFF) {
        throw new InvalidImageException("corrupt JPEG: expected a marker at byte " + pos + ", found 0x" + hex(b[pos]));
      }
      while (pos < b.length && (b[pos] & 0xFF) == 0xFF) {
        pos++;
      }
      if (pos >= b.length) {
        throw truncated(b);
      }
      int marker = b[pos++] & 0xFF;
      if (isStandalone(marker)) {
        continue;
      }
      if (marker == 0x00) {
        throw new InvalidImageException("corrupt JPEG: stuffed byte where a marker belongs at byte " + (pos - 1));
      }
      if (marker == SOS || marker == EOI) {
        throw new InvalidImageException("corrupt JPEG: no frame header (SOF) before " + (marker == SOS ? "scan data" : "end of image"));
      }
      if (pos + 2 > b.length) {
        throw truncated(b);
      }
      int length = Bytes.uint16(b, pos);
      if (length < 2) {
        throw new InvalidImageException("corrupt JPEG: segment 0x" + hex((byte) marker) + " at byte " + pos + " has length " + length);
      }
      if (isStartOfFrame(marker)) {
        // SOF payload: precision (1), height (2), width (2), components...
        if (length < 8) {
          throw new InvalidImageException("corrupt JPEG: frame header of " + length + " bytes is too short");
        }
        if (pos + 7 > b.length) {
          throw truncated(b);
        }
        int height = Bytes.uint16(b, pos + 3);
        int width = Bytes.uint16(b, pos + 5);
        if (height == 0) {
          throw new InvalidImageException("unsupported JPEG: height defined later by a DNL marker");
        }
        return new ImageInfo(ImageFormat.JPEG, width, height);
      }
      pos += length;
    }
  }

  private static boolean isStandalone(int marker) {
    // TEM and RSTn carry no length field.
    return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
  }

  private static boolean isStartOfFrame(int marker) {
    // C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frame headers.
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private static InvalidImageException truncated(byte[] b) {
    return new InvalidImageException("truncated JPEG header: no frame header (SOF) within " + b.length + " bytes");
  }

  private static String hex(byte value) {
    return String.format(Locale.ROOT, "%02X", value & 0xFF);
  }
}
