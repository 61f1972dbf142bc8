package io.corridor.anpr.strip;

import io.corridor.anpr.glyph.GlyphInput;

/**
 * Turns a plate's character row into the strip network's input, the same way for rendered rows,
 * labelled real plates and rows found in camera frames: the row's box, straightened along its
 * centre line, {@value #SPAN} character heights tall, resampled to {@value #HEIGHT} x
 * {@value #WIDTH} (stretched to the width whatever the row's length), ink made dark and the
 * contrast stretched so that ink is near -0.5 and background near +0.5.
 */
public final class StripInput {

  /** Input height in pixels. */
  public static final int HEIGHT = 32;
  /** Input width in pixels. */
  public static final int WIDTH = 96;
  /** The strip's height in character heights. */
  static final double SPAN = 1.5;

  /**
   * Where a row lies in an image.
   *
   * @param x0 the strip's left edge
   * @param x1 the strip's right edge
   * @param y0 the row's centre line at {@code x0}
   * @param slope the centre line's dy/dx
   * @param charHeight the characters' height
   */
  public record Row(double x0, double x1, double y0, double slope, double charHeight) {}

  private StripInput() {}

  /**
   * @param gray the image, row-major, {@code w*h} unsigned bytes
   * @param darkText whether the ink is darker than the plate
   * @return {@link #HEIGHT} x {@link #WIDTH} values, row-major
   */
  public static float[] of(byte[] gray, int w, int h, Row row, boolean darkText) {
    double dx = (row.x1() - row.x0()) / WIDTH, dy = row.charHeight() * SPAN / HEIGHT;
    // Several samples per output pixel when shrinking, so that thin strokes are averaged in, not skipped.
    int nx = Math.max(1, Math.min(3, (int) Math.ceil(dx))), ny = Math.max(1, Math.min(3, (int) Math.ceil(dy)));
    float[] v = new float[HEIGHT * WIDTH];
    int[] hist = new int[256];
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        double sum = 0;
        for (int sy = 0; sy < ny; sy++) {
          for (int sx = 0; sx < nx; sx++) {
            double px = row.x0() + (x + (sx + 0.5) / nx) * dx;
            double py = row.y0() + row.slope() * (px - row.x0()) + ((y + (sy + 0.5) / ny) - HEIGHT / 2.0) * dy;
            sum += GlyphInput.bilinear(gray, w, h, px - 0.5, py - 0.5);
          }
        }
        float s = (float) (sum / (nx * ny));
        v[y * WIDTH + x] = s;
        hist[Math.max(0, Math.min(255, Math.round(s)))]++;
      }
    }
    // Percentiles, not min and max: one hot pixel or a speck of dirt must not set the contrast.
    int lo = GlyphInput.percentile(hist, v.length, 0.03), hi = GlyphInput.percentile(hist, v.length, 0.97);
    float range = Math.max(24, hi - lo);
    for (int i = 0; i < v.length; i++) {
      float n = Math.max(0, Math.min(1, (v[i] - lo) / range));
      v[i] = (darkText ? n : 1 - n) - 0.5f;
    }
    return v;
  }
}
