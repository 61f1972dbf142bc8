package io.corridor.anpr.nn;

import java.util.Random;

/** 3x3 convolution with zero padding (output the size of the input) followed by ReLU. */
public final class Conv {
  public final int in;
  public final int out;
  public final int h;
  public final int w;
  public final float[] weights; // [out][in][3][3]
  public final float[] bias;

  public Conv(int in, int out, int h, int w, Random random) {
    this.in = in;
    this.out = out;
    this.h = h;
    this.w = w;
    this.weights = new float[out * in * 9];
    this.bias = new float[out];
    double std = Math.sqrt(2.0 / (in * 9));
    for (int i = 0; i < weights.length; i++) weights[i] = (float) (random.nextGaussian() * std);
  }

  /**
   * Lays the 3x3 neighbourhoods of {@code x} out as rows ({@code in*9} rows of {@code h*w}), so
   * that the convolution becomes long multiply-adds over whole rows. Rows are separate arrays
   * because HotSpot vectorises {@code y[i] += a * x[i]} only when both start at index 0.
   */
  public void im2col(float[] x, float[][] cols) {
    int hw = h * w;
    for (int c = 0; c < in; c++) {
      for (int ky = 0; ky < 3; ky++) {
        for (int kx = 0; kx < 3; kx++) {
          float[] row = cols[(c * 3 + ky) * 3 + kx];
          int c0 = Math.max(0, 1 - kx), c1 = Math.min(w, w + 1 - kx); // columns with a source pixel
          for (int r = 0; r < h; r++) {
            int sr = r + ky - 1, at = r * w;
            if (sr < 0 || sr >= h) {
              java.util.Arrays.fill(row, at, at + w, 0);
              continue;
            }
            if (c0 > 0) row[at] = 0;
            if (c1 < w) row[at + w - 1] = 0;
            System.arraycopy(x, c * hw + sr * w + c0 + kx - 1, row, at + c0, c1 - c0);
          }
        }
      }
    }
  }

  /** Forward with ReLU; {@code cols} receives the unfolded input, which backward needs. */
  public void forward(float[] x, float[] y, float[][] cols, float[] acc) {
    forward(x, y, cols, acc, null);
  }

  /**
   * As {@link #forward(float[], float[], float[][], float[])}; with a second accumulator ({@code
   * acc2}, as long as {@code acc}) two output channels are made per sweep, each unfolded row
   * loaded once for both.
   */
  public void forward(float[] x, float[] y, float[][] cols, float[] acc, float[] acc2) {
    int hw = h * w, k9 = in * 9;
    im2col(x, cols);
    int o = 0;
    if (acc2 != null) {
      for (; o + 1 < out; o += 2) {
        java.util.Arrays.fill(acc, bias[o]);
        java.util.Arrays.fill(acc2, bias[o + 1]);
        int base = o * k9, base2 = base + k9, k = 0;
        for (; k + 3 < k9; k += 4) {
          Vectors.saxpy4x2(acc, acc2, cols[k], cols[k + 1], cols[k + 2], cols[k + 3], weights, base + k, base2 + k);
        }
        for (; k < k9; k++) {
          Vectors.saxpy(acc, cols[k], weights[base + k]);
          Vectors.saxpy(acc2, cols[k], weights[base2 + k]);
        }
        relu(acc, y, o * hw, hw);
        relu(acc2, y, (o + 1) * hw, hw);
      }
    }
    for (; o < out; o++) {
      java.util.Arrays.fill(acc, bias[o]);
      int base = o * k9, k = 0;
      // Four input rows per sweep over the accumulator: a quarter of its loads and stores, and the
      // same sums in the same order as one row at a time (the same floats to the last bit).
      for (; k + 3 < k9; k += 4) {
        Vectors.saxpy4(acc, cols[k], weights[base + k], cols[k + 1], weights[base + k + 1],
            cols[k + 2], weights[base + k + 2], cols[k + 3], weights[base + k + 3]);
      }
      for (; k < k9; k++) {
        Vectors.saxpy(acc, cols[k], weights[base + k]);
      }
      relu(acc, y, o * hw, hw);
    }
  }

  private static void relu(float[] acc, float[] y, int at, int hw) {
    for (int p = 0; p < hw; p++) {
      y[at + p] = Math.max(0, acc[p]);
    }
  }

  /** dy is the gradient after ReLU masking; dx may be null for the first layer. */
  public void backward(float[][] cols, float[] dy, float[] dx, float[] dW, float[] dB, float[][] dCols, float[] dyRow) {
    int hw = h * w, k9 = in * 9;
    if (dx != null) {
      for (float[] row : dCols) java.util.Arrays.fill(row, 0);
    }
    for (int o = 0; o < out; o++) {
      System.arraycopy(dy, o * hw, dyRow, 0, hw);
      float sum = 0;
      for (int p = 0; p < hw; p++) sum += dyRow[p];
      dB[o] += sum;
      for (int k = 0; k < k9; k++) {
        dW[o * k9 + k] += Vectors.dot(dyRow, cols[k]);
        if (dx != null) {
          Vectors.saxpy(dCols[k], dyRow, weights[o * k9 + k]);
        }
      }
    }
    if (dx != null) {
      for (int c = 0; c < in; c++) {
        for (int ky = 0; ky < 3; ky++) {
          for (int kx = 0; kx < 3; kx++) {
            float[] row = dCols[(c * 3 + ky) * 3 + kx];
            for (int r = 0; r < h; r++) {
              int sr = r + ky - 1;
              if (sr < 0 || sr >= h) continue;
              for (int col = 0; col < w; col++) {
                int sc = col + kx - 1;
                if (sc >= 0 && sc < w) {
                  dx[c * hw + sr * w + sc] += row[r * w + col];
                }
              }
            }
          }
        }
      }
    }
  }
}
