package io.corridor.anpr.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A light {@value #W} × {@value #H} grey test plate whose characters are dark {@value #CW} ×
 * {@value #CH} px boxes at y {@value #TOP}.., one per slot from x {@value #X0}, for the tests of
 * what the engine does within a row.
 */
final class SyntheticPlate {

  static final int W = 240, H = 120, TOP = 50, CH = 20, CW = 8, X0 = 40;

  private SyntheticPlate() {}

  /** A plate with no characters. */
  static byte[] blank() {
    byte[] gray = new byte[W * H];
    Arrays.fill(gray, (byte) 220);
    return gray;
  }

  /** A plate with characters at the given slots, slot i at x = {@value #X0} + {@code pitch} i. */
  static byte[] withSlots(int pitch, int... slots) {
    byte[] gray = blank();
    for (int slot : slots) {
      fill(gray, X0 + pitch * slot, TOP, CW, CH, 40);
    }
    return gray;
  }

  /** Paints the box {@code w} × {@code h} at ({@code x0}, {@code y0}) grey level {@code v}. */
  static void fill(byte[] gray, int x0, int y0, int w, int h, int v) {
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        gray[y * W + x] = (byte) v;
      }
    }
  }

  /** A piece of a row as a component's box would give it: columns {@code x0 .. x0 + w - 1}, rows of the characters. */
  static CharBand.Glyph member(byte[] gray, int x0, int w) {
    boolean[] mask = new boolean[w * CH];
    byte[] crop = new byte[w * CH];
    for (int y = 0; y < CH; y++) {
      for (int x = 0; x < w; x++) {
        crop[y * w + x] = gray[(TOP + y) * W + x0 + x];
        mask[y * w + x] = (crop[y * w + x] & 0xff) < 128;
      }
    }
    return new CharBand.Glyph(x0, TOP, w, CH, mask, crop);
  }

  /** The piece for a whole character at {@code slot}: a pixel of plate either side of its ink, as a component's box often has. */
  static CharBand.Glyph slot(byte[] gray, int pitch, int slot) {
    return member(gray, X0 + pitch * slot - 1, CW + 2);
  }

  /** The dark-text row the finder linked: slots {@code from} to {@code to} inclusive. */
  static CharBand band(byte[] gray, int pitch, int from, int to) {
    List<CharBand.Glyph> glyphs = new ArrayList<>();
    for (int c = from; c <= to; c++) {
      glyphs.add(slot(gray, pitch, c));
    }
    return new CharBand(glyphs, 1.0, true);
  }
}
