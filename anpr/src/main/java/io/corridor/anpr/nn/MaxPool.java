package io.corridor.anpr.nn;

/**
 * Max-pooling by {@code py} rows and {@code px} columns (2x2 for the character network; 2x1, rows
 * only, where the strip reader keeps its columns), remembering where each maximum came from.
 */
public final class MaxPool {

  private MaxPool() {}

  /**
   * @param in {@code ch} planes of {@code h x w}
   * @param out {@code ch} planes of {@code (h/py) x (w/px)}
   * @param argmax receives the index into {@code in} of each output's maximum
   */
  public static void forward(float[] in, int ch, int h, int w, int py, int px, float[] out, int[] argmax) {
    int ph = h / py, pw = w / px;
    if (py == 2 && px == 2) {
      forward2x2(in, ch, h, w, out, argmax);
      return;
    }
    for (int c = 0; c < ch; c++) {
      for (int y = 0; y < ph; y++) {
        for (int x = 0; x < pw; x++) {
          int best = (c * h + py * y) * w + px * x;
          for (int dy = 0; dy < py; dy++) {
            for (int dx = 0; dx < px; dx++) {
              int i = (c * h + py * y + dy) * w + px * x + dx;
              if (in[i] > in[best]) best = i;
            }
          }
          int o = (c * ph + y) * pw + x;
          out[o] = in[best];
          argmax[o] = best;
        }
      }
    }
  }

  /** {@link #forward} by 2x2, the character network's pooling: the same comparisons in the same order, unrolled. */
  private static void forward2x2(float[] in, int ch, int h, int w, float[] out, int[] argmax) {
    int ph = h / 2, pw = w / 2;
    for (int c = 0; c < ch; c++) {
      for (int y = 0; y < ph; y++) {
        int top = (c * h + 2 * y) * w, o = (c * ph + y) * pw;
        for (int x = 0; x < pw; x++) {
          int best = top + 2 * x;
          if (in[best + 1] > in[best]) best = best + 1;
          if (in[top + w + 2 * x] > in[best]) best = top + w + 2 * x;
          if (in[top + w + 2 * x + 1] > in[best]) best = top + w + 2 * x + 1;
          out[o + x] = in[best];
          argmax[o + x] = best;
        }
      }
    }
  }

  /** Routes the pooled gradient {@code dOut} back to the maxima, adding into {@code dIn}. */
  public static void backward(float[] dOut, int[] argmax, float[] dIn) {
    for (int p = 0; p < dOut.length; p++) {
      dIn[argmax[p]] += dOut[p];
    }
  }
}
