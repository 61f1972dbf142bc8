package io.corridor.anpr.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/**
 * A stack of {@link Conv} blocks, each 3x3 convolution, ReLU and max-pooling by two rows and by
 * its own number of columns: the feature extractor of both of the engine's networks.
 */
public final class ConvStack {

  /** The blocks' convolutions, input first. */
  public final Conv[] convs;
  private final int[] poolColumns;

  /**
   * @param channels input channels, then each block's output channels
   * @param poolColumns each block's pooling width (the height is always halved)
   */
  public ConvStack(int[] channels, int height, int width, int[] poolColumns, Random random) {
    this.convs = new Conv[channels.length - 1];
    this.poolColumns = poolColumns.clone();
    int h = height, w = width;
    for (int i = 0; i < convs.length; i++) {
      convs[i] = new Conv(channels[i], channels[i + 1], h, w, random);
      h /= 2;
      w /= poolColumns[i];
    }
  }

  /** Output height, width and channels. */
  public int outHeight() {
    return convs[convs.length - 1].h / 2;
  }

  public int outWidth() {
    Conv last = convs[convs.length - 1];
    return last.w / poolColumns[convs.length - 1];
  }

  public int outChannels() {
    return convs[convs.length - 1].out;
  }

  /** The last block's pooled output ([channel][row][column]) for {@code input}, kept in {@code a}. */
  public float[] forward(float[] input, Buffers a) {
    float[] x = input;
    for (int i = 0; i < convs.length; i++) {
      Conv c = convs[i];
      c.forward(x, a.convOut[i], a.cols[i], a.rows[i], a.second[i]);
      MaxPool.forward(a.convOut[i], c.out, c.h, c.w, 2, poolColumns[i], a.pooled[i], a.argmax[i]);
      x = a.pooled[i];
    }
    return x;
  }

  /** Back-propagates {@code dOut} (the gradient of the last pooled output) and adds the gradients to {@code g}. */
  public void backward(float[] dOut, Buffers a, Gradients g) {
    float[] dx = dOut;
    for (int i = convs.length - 1; i >= 0; i--) {
      Conv c = convs[i];
      float[] dConv = new float[c.out * c.h * c.w];
      MaxPool.backward(dx, a.argmax[i], dConv);
      float[] out = a.convOut[i];
      for (int p = 0; p < dConv.length; p++) {
        if (out[p] <= 0) {
          dConv[p] = 0; // ReLU
        }
      }
      float[] dIn = i == 0 ? null : new float[a.pooled[i - 1].length];
      c.backward(a.cols[i], dConv, dIn, g.convW[i], g.convB[i], a.dCols[i], a.rows[i]);
      dx = dIn;
    }
  }

  /** Writes every block's weights, then its biases, as big-endian floats. */
  public void write(DataOutputStream data) throws IOException {
    for (Conv c : convs) {
      for (float v : c.weights) data.writeFloat(v);
      for (float v : c.bias) data.writeFloat(v);
    }
  }

  /** Reads what {@link #write} wrote. */
  public void read(DataInputStream data) throws IOException {
    for (Conv c : convs) {
      for (int i = 0; i < c.weights.length; i++) c.weights[i] = data.readFloat();
      for (int i = 0; i < c.bias.length; i++) c.bias[i] = data.readFloat();
    }
  }

  /** One thread's intermediate values of the stack, which back-propagation needs. */
  public static final class Buffers {
    final float[][] convOut;
    final float[][][] cols;
    final float[][][] dCols;
    final float[][] rows;
    /** A second accumulator per block: the forward pass makes two output channels per sweep. */
    final float[][] second;
    final float[][] pooled;
    final int[][] argmax;

    /** @param training whether to hold the buffers of the backward pass too */
    public Buffers(ConvStack stack, boolean training) {
      int n = stack.convs.length;
      convOut = new float[n][];
      cols = new float[n][][];
      dCols = new float[n][][];
      rows = new float[n][];
      second = new float[n][];
      pooled = new float[n][];
      argmax = new int[n][];
      for (int i = 0; i < n; i++) {
        Conv c = stack.convs[i];
        convOut[i] = new float[c.out * c.h * c.w];
        cols[i] = new float[c.in * 9][c.h * c.w];
        dCols[i] = training ? new float[c.in * 9][c.h * c.w] : null;
        rows[i] = new float[c.h * c.w];
        second[i] = new float[c.h * c.w];
        pooled[i] = new float[c.out * (c.h / 2) * (c.w / stack.poolColumns[i])];
        argmax[i] = new int[pooled[i].length];
      }
    }

    /** The last block's pooled output. */
    public float[] output() {
      return pooled[pooled.length - 1];
    }
  }
}
