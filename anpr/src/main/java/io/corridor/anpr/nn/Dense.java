package io.corridor.anpr.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/**
 * Fully connected layer, no activation. Weights are held input-major ({@code rows[in][out]}) so
 * that both passes are whole-row multiply-adds; they are stored output-major.
 */
public final class Dense {
  public final int in;
  public final int out;
  public final float[][] rows; // [in][out]
  public final float[] bias;

  public Dense(int in, int out, Random random) {
    this.in = in;
    this.out = out;
    this.nonZero = ThreadLocal.withInitial(() -> new int[in]);
    this.rows = new float[in][out];
    this.bias = new float[out];
    double std = Math.sqrt(2.0 / in);
    // Drawn output-major, as stored, so a seed gives the same network as the stored layout implies.
    for (int j = 0; j < out; j++) {
      for (int i = 0; i < in; i++) rows[i][j] = (float) (random.nextGaussian() * std);
    }
  }

  public void forward(float[] x, float[] y) {
    System.arraycopy(bias, 0, y, 0, out);
    // Most inputs are zero after ReLU: only the others' rows are added, four per sweep over y, in
    // the order of one at a time (Vectors.saxpy4: the same result to the last bit).
    int[] live = nonZero.get();
    int n = 0;
    for (int i = 0; i < in; i++) {
      if (x[i] != 0) live[n++] = i;
    }
    int k = 0;
    for (; k + 3 < n; k += 4) {
      int i0 = live[k], i1 = live[k + 1], i2 = live[k + 2], i3 = live[k + 3];
      Vectors.saxpy4(y, rows[i0], x[i0], rows[i1], x[i1], rows[i2], x[i2], rows[i3], x[i3]);
    }
    for (; k < n; k++) {
      Vectors.saxpy(y, rows[live[k]], x[live[k]]);
    }
  }

  /** Each thread's list of the inputs that are not zero. */
  private final ThreadLocal<int[]> nonZero;

  public void backward(float[] x, float[] dy, float[] dx, float[][] dW, float[] dB) {
    for (int j = 0; j < out; j++) dB[j] += dy[j];
    for (int i = 0; i < in; i++) {
      if (x[i] != 0) Vectors.saxpy(dW[i], dy, x[i]);
      dx[i] = Vectors.dot(rows[i], dy);
    }
  }

  public void write(DataOutputStream data) throws IOException {
    for (int j = 0; j < out; j++) {
      for (int i = 0; i < in; i++) data.writeFloat(rows[i][j]);
    }
    for (float b : bias) data.writeFloat(b);
  }

  public void read(DataInputStream data) throws IOException {
    for (int j = 0; j < out; j++) {
      for (int i = 0; i < in; i++) rows[i][j] = data.readFloat();
    }
    for (int j = 0; j < out; j++) bias[j] = data.readFloat();
  }
}
