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
    for (int i = 0; i < in; i++) {
      if (x[i] != 0) Vectors.saxpy(y, rows[i], x[i]); // most inputs are zero after ReLU
    }
  }

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
