package io.corridor.anpr.glyph.train;

import io.corridor.anpr.strip.StripInput;
import java.util.Random;

/**
 * Varies a real labelled strip each time the trainer draws it, so that the few thousand real rows
 * teach more than their own pixels: a small affine and keystone warp (the row finder's box is
 * off by a little in every direction, plates are tilted and seen at an angle), optical blur,
 * sensor noise and a change of contrast and level. Works on the {@link StripInput} strip itself
 * (values about -0.5 ink to +0.5 plate), sampling past its edges from the nearest edge pixel.
 */
final class StripAugment {

  private static final int W = StripInput.WIDTH, H = StripInput.HEIGHT;

  private StripAugment() {}

  /** A new strip, {@code input} varied by draws from {@code r}. */
  static float[] apply(float[] input, Random r) {
    float[] v = warp(input, r);
    if (r.nextDouble() < 0.3) {
      v = Degrade.blur(v, W, H, 0.5 + r.nextDouble() * 0.7);
    }
    double contrast = 0.6 + 0.4 * r.nextDouble(), level = (r.nextDouble() - 0.5) * 0.2;
    double noise = r.nextDouble() < 0.5 ? r.nextDouble() * 0.08 : 0;
    for (int i = 0; i < v.length; i++) {
      double val = v[i] * contrast + level + (noise > 0 ? r.nextGaussian() * noise : 0);
      v[i] = (float) Math.max(-0.5, Math.min(0.5, val));
    }
    return v;
  }

  /**
   * Output pixel (x, y) from source (x', y'), about the strip's centre: horizontal scale and shift
   * (the row box's ends), vertical scale and shift (its height and centre line), a slope and a
   * shear (tilt and italic-like slant of a plate seen from the side), and a vertical scale that
   * changes along the row (keystone).
   */
  private static float[] warp(float[] in, Random r) {
    double sx = 0.92 + 0.16 * r.nextDouble(), tx = (r.nextDouble() * 2 - 1) * 3;
    double sy = 0.9 + 0.2 * r.nextDouble(), ty = (r.nextDouble() * 2 - 1) * 1.5;
    double slope = (r.nextDouble() * 2 - 1) * 0.025, shear = (r.nextDouble() * 2 - 1) * 0.12;
    double keystone = (r.nextDouble() * 2 - 1) * 0.08;
    double cx = W / 2.0, cy = H / 2.0;
    float[] out = new float[in.length];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        double u = x + 0.5 - cx, t = y + 0.5 - cy;
        double ys = sy * (1 + keystone * u / cx);
        double px = cx + sx * u + shear * t + tx, py = cy + ys * t + slope * u + ty;
        out[y * W + x] = bilinear(in, px - 0.5, py - 0.5);
      }
    }
    return out;
  }

  private static float bilinear(float[] v, double x, double y) {
    x = Math.max(0, Math.min(W - 1, x));
    y = Math.max(0, Math.min(H - 1, y));
    int x0 = (int) x, y0 = (int) y, x1 = Math.min(W - 1, x0 + 1), y1 = Math.min(H - 1, y0 + 1);
    double fx = x - x0, fy = y - y0;
    double top = v[y0 * W + x0] * (1 - fx) + v[y0 * W + x1] * fx, bottom = v[y1 * W + x0] * (1 - fx) + v[y1 * W + x1] * fx;
    return (float) (top * (1 - fy) + bottom * fy);
  }
}
