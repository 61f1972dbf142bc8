package io.corridor.anpr.builtin;

import java.util.Arrays;

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
}
