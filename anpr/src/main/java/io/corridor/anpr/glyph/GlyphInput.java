package io.corridor.anpr.glyph;

/**
 * Turns one character's grey crop into the network's input, the same way for training images and
 * for crops cut from camera frames (so there is exactly one definition of "what the network
 * sees"): ink made dark, the crop scaled to {@value #HEIGHT} px high keeping its aspect (narrow
 * characters such as 1 and I stay narrow), centred on a {@value #WIDTH} px wide canvas, and the
 * contrast stretched so that ink is near -0.5 and background near +0.5.
 */
public final class GlyphInput {

  /** Input height in pixels. */
  public static final int HEIGHT = 32;
  /** Input width in pixels. */
  public static final int WIDTH = 24;

  private GlyphInput() {}

  /**
   * @param gray the crop, row-major, {@code w*h} unsigned bytes
   * @param darkText whether the ink is darker than the background
   * @return {@link #HEIGHT} x {@link #WIDTH} values, row-major
   */
  public static float[] of(byte[] gray, int w, int h, boolean darkText) {
    if (w <= 0 || h <= 0 || gray.length < w * h) {
      throw new IllegalArgumentException("glyph crop " + w + "x" + h + " with " + gray.length + " pixels");
    }
    // Percentiles, not min and max: one hot pixel or a speck of dirt must not set the contrast.
    int[] hist = new int[256];
    for (int i = 0; i < w * h; i++) hist[gray[i] & 0xff]++;
    int lo = percentile(hist, w * h, 0.03), hi = percentile(hist, w * h, 0.97);
    float range = Math.max(24, hi - lo);
    double scale = (double) HEIGHT / h;
    int outW = (int) Math.round(w * scale), outH = HEIGHT;
    if (outW > WIDTH) {
      scale = (double) WIDTH / w;
      outW = WIDTH;
      outH = Math.max(1, (int) Math.round(h * scale));
    }
    outW = Math.max(1, outW);
    int left = (WIDTH - outW) / 2, top = (HEIGHT - outH) / 2;
    float[] out = new float[HEIGHT * WIDTH];
    java.util.Arrays.fill(out, 0.5f);
    for (int y = 0; y < outH; y++) {
      // Area-averaged sampling: crops arrive at 12 to 80 px high, so both up and down scaling.
      double sy0 = y / scale, sy1 = Math.min(h, (y + 1) / scale);
      for (int x = 0; x < outW; x++) {
        double sx0 = x / scale, sx1 = Math.min(w, (x + 1) / scale);
        double v = area(gray, w, h, sx0, sx1, sy0, sy1);
        float n = (float) ((v - lo) / range);
        n = Math.max(0, Math.min(1, n));
        out[(top + y) * WIDTH + left + x] = (darkText ? n : 1 - n) - 0.5f;
      }
    }
    return out;
  }

  private static double area(byte[] g, int w, int h, double x0, double x1, double y0, double y1) {
    if (x1 - x0 < 1 && y1 - y0 < 1) {
      // Upscaling: bilinear at the cell centre.
      return bilinear(g, w, h, (x0 + x1) / 2 - 0.5, (y0 + y1) / 2 - 0.5);
    }
    double sum = 0, weight = 0;
    for (int yy = (int) y0; yy < Math.ceil(y1) && yy < h; yy++) {
      double wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
      for (int xx = (int) x0; xx < Math.ceil(x1) && xx < w; xx++) {
        double wx = Math.min(x1, xx + 1) - Math.max(x0, xx);
        sum += wx * wy * px(g, w, xx, yy);
        weight += wx * wy;
      }
    }
    return weight > 0 ? sum / weight : 128;
  }

  /** The grey value at ({@code x}, {@code y}) (pixel centres at whole numbers), bilinear, clamped to the image. */
  public static double bilinear(byte[] g, int w, int h, double x, double y) {
    double cx = Math.max(0, Math.min(w - 1, x)), cy = Math.max(0, Math.min(h - 1, y));
    int ix = (int) cx, iy = (int) cy, jx = Math.min(w - 1, ix + 1), jy = Math.min(h - 1, iy + 1);
    double ax = cx - ix, ay = cy - iy;
    return (1 - ay) * ((1 - ax) * px(g, w, ix, iy) + ax * px(g, w, jx, iy)) + ay * ((1 - ax) * px(g, w, ix, jy) + ax * px(g, w, jx, jy));
  }

  private static int px(byte[] g, int w, int x, int y) {
    return g[y * w + x] & 0xff;
  }

  /** The grey level below which a share {@code q} of a histogram's {@code total} pixels lie. */
  public static int percentile(int[] hist, int total, double q) {
    long target = Math.round(q * (total - 1));
    long seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += hist[v];
      if (seen > target) return v;
    }
    return 255;
  }
}
