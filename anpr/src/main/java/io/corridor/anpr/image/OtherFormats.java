package io.corridor.anpr.image;

import java.nio.charset.StandardCharsets;

/**
 * Names common image formats that are not accepted, so that a camera misconfigured to send WebP
 * or HEIC gets "not a JPEG or PNG (looks like WebP)" rather than a bare refusal.
 */
final class OtherFormats {

  private OtherFormats() {}

  static String describe(byte[] b) {
    String name = guess(b);
    return name == null ? "" : " (looks like " + name + ")";
  }

  private static String guess(byte[] b) {
    if (startsWith(b, 0, "GIF8")) {
      return "GIF";
    }
    if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
      return "WebP";
    }
    if (startsWith(b, 0, "BM")) {
      return "BMP";
    }
    if (startsWith(b, 0, "II*\0") || startsWith(b, 0, "MM\0*")) {
      return "TIFF";
    }
    if (startsWith(b, 4, "ftypheic") || startsWith(b, 4, "ftypheix") || startsWith(b, 4, "ftypmif1")) {
      return "HEIC";
    }
    if (startsWith(b, 4, "ftypavif")) {
      return "AVIF";
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int offset, String ascii) {
    byte[] expected = ascii.getBytes(StandardCharsets.ISO_8859_1);
    if (b.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (b[offset + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
