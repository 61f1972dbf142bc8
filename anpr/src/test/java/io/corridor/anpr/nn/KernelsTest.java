package io.corridor.anpr.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The layers' inner loops against the plain one-term-at-a-time loops they replace: the same
 * floats to the last bit, so a faster kernel never changes what the networks read or train to.
 */
class KernelsTest {

  private static float[] random(Random r, int n, double zeros) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = r.nextDouble() < zeros ? 0 : (float) r.nextGaussian();
    return v;
  }

  @Test
  void convolutionAddsEachInputRowInTurn() {
    Random r = new Random(5);
    for (int[] shape : new int[][] {{1, 8, 32, 24}, {8, 16, 16, 12}, {3, 5, 7, 9}}) {
      Conv conv = new Conv(shape[0], shape[1], shape[2], shape[3], r);
      for (int o = 0; o < conv.out; o++) conv.bias[o] = (float) r.nextGaussian();
      int hw = conv.h * conv.w, k9 = conv.in * 9;
      float[] x = random(r, conv.in * hw, 0.3);
      float[][] cols = new float[k9][hw];
      float[] y = new float[conv.out * hw];
      conv.forward(x, y, cols, new float[hw]);
      float[] paired = new float[conv.out * hw];
      conv.forward(x, paired, cols, new float[hw], new float[hw]);
      float[] expected = new float[conv.out * hw];
      for (int o = 0; o < conv.out; o++) {
        for (int p = 0; p < hw; p++) {
          float acc = conv.bias[o];
          for (int k = 0; k < k9; k++) acc += conv.weights[o * k9 + k] * cols[k][p];
          expected[o * hw + p] = Math.max(0, acc);
        }
      }
      assertThat(y).isEqualTo(expected);
      assertThat(paired).as("two output channels per sweep").isEqualTo(expected);
    }
  }

  @Test
  void denseAddsEachNonZeroInputInTurn() {
    Random r = new Random(6);
    for (int[] shape : new int[][] {{512, 128}, {128, 37}, {3, 2}, {7, 5}}) {
      Dense dense = new Dense(shape[0], shape[1], r);
      for (int j = 0; j < dense.out; j++) dense.bias[j] = (float) r.nextGaussian();
      float[] x = random(r, dense.in, 0.6);
      float[] y = new float[dense.out];
      dense.forward(x, y);
      float[] expected = dense.bias.clone();
      for (int i = 0; i < dense.in; i++) {
        if (x[i] != 0) {
          for (int j = 0; j < dense.out; j++) expected[j] += x[i] * dense.rows[i][j];
        }
      }
      assertThat(y).isEqualTo(expected);
    }
  }

  @Test
  void poolingPicksTheFirstMaximumAsBefore() {
    Random r = new Random(7);
    int ch = 3, h = 8, w = 6;
    float[] in = random(r, ch * h * w, 0.5); // many ties at zero
    float[] out = new float[ch * (h / 2) * (w / 2)];
    int[] argmax = new int[out.length];
    MaxPool.forward(in, ch, h, w, 2, 2, out, argmax);
    for (int c = 0; c < ch; c++) {
      for (int y = 0; y < h / 2; y++) {
        for (int x = 0; x < w / 2; x++) {
          int best = (c * h + 2 * y) * w + 2 * x;
          for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
              int i = (c * h + 2 * y + dy) * w + 2 * x + dx;
              if (in[i] > in[best]) best = i;
            }
          }
          int o = (c * (h / 2) + y) * (w / 2) + x;
          assertThat(argmax[o]).isEqualTo(best);
          assertThat(out[o]).isEqualTo(in[best]);
        }
      }
    }
  }
}
