package io.corridor.anpr.glyph;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small convolutional network that classifies one character image: three blocks of 3x3
 * convolution, ReLU and 2x2 max-pooling, then two dense layers and a softmax. Written in plain
 * Java, inference and training both, so the engine needs no native runtime for it and the
 * training is reproducible from this repository alone.
 *
 * <p>Input: {@link GlyphInput#HEIGHT} x {@link GlyphInput#WIDTH} floats, row-major. Output: one
 * probability per class. The weights are immutable once trained; {@link #classify} is
 * thread-safe (each thread reuses its own activations).
 */
public final class GlyphNet {

  private static final int MAGIC = 0x43474E31; // "CGN1"

  private final int classes;
  private final int[] channels; // conv channels, input first
  final Conv[] convs;
  final Dense hidden;
  final Dense output;

  /** A freshly initialised network (He initialisation from {@code seed}). */
  public GlyphNet(int classes, long seed) {
    this(classes, new int[] {1, 8, 16, 32}, 128, new Random(seed));
  }

  private GlyphNet(int classes, int[] channels, int hiddenUnits, Random random) {
    this.classes = classes;
    this.channels = channels.clone();
    this.convs = new Conv[channels.length - 1];
    int h = GlyphInput.HEIGHT, w = GlyphInput.WIDTH;
    for (int i = 0; i < convs.length; i++) {
      convs[i] = new Conv(channels[i], channels[i + 1], h, w, random);
      h /= 2;
      w /= 2;
    }
    this.hidden = new Dense(channels[channels.length - 1] * h * w, hiddenUnits, random);
    this.output = new Dense(hiddenUnits, classes, random);
  }

  /** Number of output classes. */
  public int classes() {
    return classes;
  }

  /**
   * Each thread's inference buffers: a fresh set per call (about 40 KB of unfolded inputs) cost a
   * tenth of the network's time in allocation and zeroing.
   */
  private final ThreadLocal<Activations> inference = ThreadLocal.withInitial(() -> new Activations(this, false));

  /** Class probabilities for one normalised input. */
  public float[] classify(float[] input) {
    return forward(input, inference.get()).probabilities.clone();
  }

  Activations forward(float[] input, Activations a) {
    float[] x = input;
    for (int i = 0; i < convs.length; i++) {
      convs[i].forward(x, a.convOut[i], a.cols[i], a.rows[i]);
      Conv c = convs[i];
      maxPool(a.convOut[i], c.out, c.h, c.w, a.pooled[i], a.argmax[i]);
      x = a.pooled[i];
    }
    hidden.forward(x, a.hidden);
    relu(a.hidden);
    output.forward(a.hidden, a.logits);
    softmax(a.logits, a.probabilities);
    return a;
  }

  /**
   * Back-propagates softmax cross-entropy against {@code target} (a probability vector, so label
   * smoothing is the caller's choice) and adds the gradients to {@code g}.
   *
   * @return the sample's loss
   */
  float backward(float[] input, float[] target, Activations a, Gradients g) {
    float loss = 0;
    float[] dLogits = new float[classes];
    for (int k = 0; k < classes; k++) {
      dLogits[k] = a.probabilities[k] - target[k];
      if (target[k] > 0) {
        loss -= (float) (target[k] * Math.log(Math.max(1e-7f, a.probabilities[k])));
      }
    }
    float[] dHidden = new float[hidden.out];
    output.backward(a.hidden, dLogits, dHidden, g.outputW, g.outputB);
    for (int j = 0; j < dHidden.length; j++) {
      if (a.hidden[j] <= 0) {
        dHidden[j] = 0;
      }
    }
    int last = convs.length - 1;
    float[] dx = new float[a.pooled[last].length];
    hidden.backward(a.pooled[last], dHidden, dx, g.hiddenW, g.hiddenB);
    for (int i = last; i >= 0; i--) {
      Conv c = convs[i];
      float[] dConv = new float[c.out * c.h * c.w];
      int[] arg = a.argmax[i];
      for (int p = 0; p < dx.length; p++) {
        dConv[arg[p]] += dx[p];
      }
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
    return loss;
  }

  private static void maxPool(float[] in, int ch, int h, int w, float[] out, int[] argmax) {
    int ph = h / 2, pw = w / 2;
    for (int c = 0; c < ch; c++) {
      for (int y = 0; y < ph; y++) {
        for (int x = 0; x < pw; x++) {
          int i0 = (c * h + 2 * y) * w + 2 * x;
          int best = i0;
          if (in[i0 + 1] > in[best]) best = i0 + 1;
          if (in[i0 + w] > in[best]) best = i0 + w;
          if (in[i0 + w + 1] > in[best]) best = i0 + w + 1;
          int o = (c * ph + y) * pw + x;
          out[o] = in[best];
          argmax[o] = best;
        }
      }
    }
  }

  private static void relu(float[] v) {
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 0) v[i] = 0;
    }
  }

  private static void softmax(float[] logits, float[] p) {
    float max = Float.NEGATIVE_INFINITY;
    for (float l : logits) max = Math.max(max, l);
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      p[k] = (float) Math.exp(logits[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) p[k] /= (float) sum;
  }

  /** The live parameter arrays, for an optimiser to update in place. */
  public float[][] parametersForTraining() {
    return parameters();
  }

  /** A training handle holding one thread's activations; one per thread. */
  public Training training() {
    return new Training(this);
  }

  /** One thread's forward and backward passes over this network. */
  public static final class Training {
    private final GlyphNet net;
    private final Activations activations;

    private Training(GlyphNet net) {
      this.net = net;
      this.activations = new Activations(net, true);
    }

    /** Gradient accumulators for {@link #step}, shaped like {@link #parametersForTraining()}. */
    public Grads newGradients() {
      return new Grads(net);
    }

    /** Forward and backward for one sample; adds its gradients to {@code g}, returns its loss. */
    public float step(float[] input, float[] target, Grads g) {
      net.forward(input, activations);
      return net.backward(input, target, activations, g);
    }

    /** Gradient accumulators. */
    public static final class Grads extends Gradients {
      Grads(GlyphNet net) {
        super(net);
      }
    }
  }

  /** Every trainable array, in a fixed order (saving, loading and the optimiser use it). */
  float[][] parameters() {
    List<float[]> p = new ArrayList<>();
    for (Conv c : convs) {
      p.add(c.weights);
      p.add(c.bias);
    }
    for (Dense d : new Dense[] {hidden, output}) {
      p.addAll(Arrays.asList(d.rows));
      p.add(d.bias);
    }
    return p.toArray(new float[0][]);
  }

  /** Writes the network: shape, then every parameter as a big-endian float. */
  public void write(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(GlyphInput.HEIGHT);
    data.writeInt(GlyphInput.WIDTH);
    data.writeInt(classes);
    data.writeInt(channels.length);
    for (int c : channels) data.writeInt(c);
    data.writeInt(hidden.out);
    for (Conv c : convs) {
      for (float v : c.weights) data.writeFloat(v);
      for (float v : c.bias) data.writeFloat(v);
    }
    hidden.write(data);
    output.write(data);
    data.flush();
  }

  /**
   * Reads a network written by {@link #write}.
   *
   * @throws IOException the stream is not a network of this input size
   */
  public static GlyphNet read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC) {
      throw new IOException("not a Corridor glyph network (bad magic number)");
    }
    int h = data.readInt(), w = data.readInt();
    if (h != GlyphInput.HEIGHT || w != GlyphInput.WIDTH) {
      throw new IOException("glyph network expects " + w + "x" + h + " inputs, this build makes "
          + GlyphInput.WIDTH + "x" + GlyphInput.HEIGHT);
    }
    int classes = data.readInt();
    int[] channels = new int[data.readInt()];
    for (int i = 0; i < channels.length; i++) channels[i] = data.readInt();
    int hiddenUnits = data.readInt();
    GlyphNet net = new GlyphNet(classes, channels, hiddenUnits, new Random(0));
    for (Conv c : net.convs) {
      for (int i = 0; i < c.weights.length; i++) c.weights[i] = data.readFloat();
      for (int i = 0; i < c.bias.length; i++) c.bias[i] = data.readFloat();
    }
    net.hidden.read(data);
    net.output.read(data);
    return net;
  }

  /** The per-sample intermediate values that back-propagation needs. */
  static final class Activations {
    final float[][] convOut;
    final float[][][] cols;
    final float[][][] dCols;
    final float[][] rows;
    final float[][] pooled;
    final int[][] argmax;
    final float[] hidden;
    final float[] logits;
    final float[] probabilities;

    Activations(GlyphNet net, boolean training) {
      int n = net.convs.length;
      convOut = new float[n][];
      cols = new float[n][][];
      dCols = new float[n][][];
      rows = new float[n][];
      pooled = new float[n][];
      argmax = new int[n][];
      for (int i = 0; i < n; i++) {
        Conv c = net.convs[i];
        convOut[i] = new float[c.out * c.h * c.w];
        cols[i] = new float[c.in * 9][c.h * c.w];
        dCols[i] = training ? new float[c.in * 9][c.h * c.w] : null;
        rows[i] = new float[c.h * c.w];
        pooled[i] = new float[c.out * (c.h / 2) * (c.w / 2)];
        argmax[i] = new int[pooled[i].length];
      }
      hidden = new float[net.hidden.out];
      logits = new float[net.classes];
      probabilities = new float[net.classes];
    }
  }

  /** Gradient accumulators shaped like the parameters. */
  static class Gradients {
    final float[][] convW;
    final float[][] convB;
    final float[][] hiddenW;
    final float[] hiddenB;
    final float[][] outputW;
    final float[] outputB;

    Gradients(GlyphNet net) {
      int n = net.convs.length;
      convW = new float[n][];
      convB = new float[n][];
      for (int i = 0; i < n; i++) {
        convW[i] = new float[net.convs[i].weights.length];
        convB[i] = new float[net.convs[i].bias.length];
      }
      hiddenW = new float[net.hidden.in][net.hidden.out];
      hiddenB = new float[net.hidden.out];
      outputW = new float[net.output.in][net.output.out];
      outputB = new float[net.output.out];
    }

    /** The accumulators in {@link GlyphNet#parametersForTraining()} order. */
    public float[][] arrays() {
      List<float[]> p = new ArrayList<>();
      for (int i = 0; i < convW.length; i++) {
        p.add(convW[i]);
        p.add(convB[i]);
      }
      p.addAll(Arrays.asList(hiddenW));
      p.add(hiddenB);
      p.addAll(Arrays.asList(outputW));
      p.add(outputB);
      return p.toArray(new float[0][]);
    }

    /** Zeroes every accumulator. */
    public void clear() {
      for (float[] a : arrays()) java.util.Arrays.fill(a, 0);
    }
  }

  /** 3x3 convolution with zero padding (output the size of the input) followed by ReLU. */
  static final class Conv {
    final int in;
    final int out;
    final int h;
    final int w;
    final float[] weights; // [out][in][3][3]
    final float[] bias;

    Conv(int in, int out, int h, int w, Random random) {
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
    void im2col(float[] x, float[][] cols) {
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
    void forward(float[] x, float[] y, float[][] cols, float[] acc) {
      int hw = h * w, k9 = in * 9;
      im2col(x, cols);
      for (int o = 0; o < out; o++) {
        java.util.Arrays.fill(acc, bias[o]);
        for (int k = 0; k < k9; k++) {
          saxpy(acc, cols[k], weights[o * k9 + k]);
        }
        for (int p = 0; p < hw; p++) {
          y[o * hw + p] = Math.max(0, acc[p]);
        }
      }
    }

    /** dy is the gradient after ReLU masking; dx may be null for the first layer. */
    void backward(float[][] cols, float[] dy, float[] dx, float[] dW, float[] dB, float[][] dCols, float[] dyRow) {
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
          dW[o * k9 + k] += dot(dyRow, cols[k]);
          if (dx != null) {
            saxpy(dCols[k], dyRow, weights[o * k9 + k]);
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

  private static void saxpy(float[] y, float[] x, float a) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static float dot(float[] a, float[] b) {
    // Four partial sums: a float reduction is not vectorised, but independent chains pipeline.
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int n = a.length, i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < n; i++) s0 += a[i] * b[i];
    return s0 + s1 + s2 + s3;
  }

  /**
   * Fully connected layer, no activation. Weights are held input-major ({@code rows[in][out]}) so
   * that both passes are whole-row multiply-adds; they are stored output-major.
   */
  static final class Dense {
    final int in;
    final int out;
    final float[][] rows; // [in][out]
    final float[] bias;

    Dense(int in, int out, Random random) {
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

    void forward(float[] x, float[] y) {
      System.arraycopy(bias, 0, y, 0, out);
      for (int i = 0; i < in; i++) {
        if (x[i] != 0) saxpy(y, rows[i], x[i]); // most inputs are zero after ReLU
      }
    }

    void backward(float[] x, float[] dy, float[] dx, float[][] dW, float[] dB) {
      for (int j = 0; j < out; j++) dB[j] += dy[j];
      for (int i = 0; i < in; i++) {
        if (x[i] != 0) saxpy(dW[i], dy, x[i]);
        dx[i] = dot(rows[i], dy);
      }
    }

    void write(java.io.DataOutputStream data) throws IOException {
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < in; i++) data.writeFloat(rows[i][j]);
      }
      for (float b : bias) data.writeFloat(b);
    }

    void read(java.io.DataInputStream data) throws IOException {
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < in; i++) rows[i][j] = data.readFloat();
      }
      for (int j = 0; j < out; j++) bias[j] = data.readFloat();
    }
  }
}
