package io.corridor.anpr.glyph.train;

import java.util.Random;

/**
 * What a roadside camera does to a clean rendering: optical blur, uneven light, sensor noise and
 * lossy compression blocks, applied in place to a grey image.
 */
final class Degrade {

  private Degrade() {}

  static void apply(byte[] px, int w, int h, double charH, Random r) {
    float[] v = new float[w * h];
    for (int i = 0; i < v.length; i++) v[i] = px[i] & 0xff;
    double sigma = 0.2 + r.nextDouble() * (0.4 + charH / 40);
    v = blur(v, w, h, sigma);
    // A linear light gradient across the patch (sun on half the plate, a headlight's falloff).
    double gx = (r.nextDouble() - 0.5) * 60 / w, gy = (r.nextDouble() - 0.5) * 60 / h;
    double contrast = 0.6 + r.nextDouble() * 0.5;
    double noise = r.nextDouble() * r.nextDouble() * 14;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        double val = 128 + (v[i] - 128) * contrast + gx * (x - w / 2.0) + gy * (y - h / 2.0) + r.nextGaussian() * noise;
        v[i] = (float) val;
      }
    }
    if (r.nextDouble() < 0.35) {
      blockQuantise(v, w, h, 4 + r.nextInt(10));
    }
    for (int i = 0; i < v.length; i++) {
      px[i] = (byte) Math.max(0, Math.min(255, Math.round(v[i])));
    }
  }

  /** Separable Gaussian blur. */
  static float[] blur(float[] v, int w, int h, double sigma) {
    int radius = (int) Math.ceil(sigma * 2.5);
    if (radius < 1) {
      return v;
    }
    float[] k = new float[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      k[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
      sum += k[i + radius];
    }
    for (int i = 0; i < k.length; i++) k[i] /= (float) sum;
    float[] tmp = new float[v.length], out = new float[v.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float acc = 0;
        for (int i = -radius; i <= radius; i++) {
          acc += k[i + radius] * v[y * w + Math.max(0, Math.min(w - 1, x + i))];
        }
        tmp[y * w + x] = acc;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float acc = 0;
        for (int i = -radius; i <= radius; i++) {
          acc += k[i + radius] * tmp[Math.max(0, Math.min(h - 1, y + i)) * w + x];
        }
        out[y * w + x] = acc;
      }
    }
    return out;
  }

  /**
   * A cheap stand-in for JPEG's loss: each 8x8 block keeps its mean and a quantised share of its
   * detail, which produces the same blocky, ringing edges on small text.
   */
  private static void blockQuantise(float[] v, int w, int h, int step) {
    for (int by = 0; by < h; by += 8) {
      for (int bx = 0; bx < w; bx += 8) {
        double mean = 0;
        int n = 0;
        for (int y = by; y < Math.min(h, by + 8); y++) {
          for (int x = bx; x < Math.min(w, bx + 8); x++) {
            mean += v[y * w + x];
            n++;
          }
        }
        mean /= n;
        for (int y = by; y < Math.min(h, by + 8); y++) {
          for (int x = bx; x < Math.min(w, bx + 8); x++) {
            int i = y * w + x;
            v[i] = (float) (mean + Math.round((v[i] - mean) / step) * step);
          }
        }
      }
    }
  }
}
