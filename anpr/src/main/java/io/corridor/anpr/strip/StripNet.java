package io.corridor.anpr.strip;

import io.corridor.anpr.nn.ConvStack;
import io.corridor.anpr.nn.Dense;
import io.corridor.anpr.nn.Gradients;
import io.corridor.anpr.nn.NetHeader;
import io.corridor.anpr.nn.Weights;
import io.corridor.anpr.nn.Vectors;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;

/**
 * A small convolutional network that reads a whole plate row at once: three blocks of 3x3
 * convolution, ReLU and max-pooling (2x2, 2x2, then rows only) bring the {@link StripInput} strip
 * to {@value #ROWS_LEFT} rows of {@link #columns()} columns; each column, seen with its two
 * neighbours, goes through a hidden dense layer to one score per character plus the CTC blank.
 * Trained with {@link Ctc} loss, so it needs no cut into characters: the cut's glued, split and
 * dropped characters are what it is for. Shares its layers with the character network
 * ({@link io.corridor.anpr.nn}); plain Java, thread-safe inference.
 */
public final class StripNet {

  private static final int MAGIC = 0x43534E31; // "CSN1"
  private static final int WINDOW = 3;
  private static final int[] POOL_COLUMNS = {2, 2, 1};

  private final int classes;
  private final int[] channels;
  final ConvStack convs;
  final Dense hidden;
  final Dense output;
  private final int features;
  private final int columns;

  private static final int[] CHANNELS = {24, 48, 96};
  /** The shipped size's hidden units. */
  public static final int HIDDEN_UNITS = 160;

  /**
   * A freshly initialised network of the shipped size (He initialisation from {@code seed}):
   * {@link #defaultChannels()} and {@link #HIDDEN_UNITS}. A third as many channels read about a tenth
   * fewer of the real held-out rows, two thirds about one or two in a hundred fewer (docs/benchmarks.md,
   * "A strip network twice as wide" and "Wider again").
   */
  public StripNet(int classes, long seed) {
    this(classes, CHANNELS, HIDDEN_UNITS, seed);
  }

  /** The shipped size's channels of the three convolution blocks (a copy). */
  public static int[] defaultChannels() {
    return CHANNELS.clone();
  }

  /**
   * A freshly initialised network of the given size.
   *
   * @param convChannels the channels of the three convolution blocks
   * @param hiddenUnits the hidden layer's units
   */
  public StripNet(int classes, int[] convChannels, int hiddenUnits, long seed) {
    this(classes, withInput(convChannels), hiddenUnits, new Random(seed));
  }

  private static int[] withInput(int[] convChannels) {
    if (convChannels.length != POOL_COLUMNS.length) {
      throw new IllegalArgumentException("expected " + POOL_COLUMNS.length + " convolution channel counts, got " + convChannels.length);
    }
    int[] out = new int[convChannels.length + 1];
    out[0] = 1;
    System.arraycopy(convChannels, 0, out, 1, convChannels.length);
    return out;
  }

  private StripNet(int classes, int[] channels, int hiddenUnits, Random random) {
    this.classes = classes;
    this.channels = channels.clone();
    this.convs = new ConvStack(channels, StripInput.HEIGHT, StripInput.WIDTH, POOL_COLUMNS, random);
    this.columns = convs.outWidth();
    this.features = convs.outChannels() * convs.outHeight();
    this.hidden = new Dense(features * WINDOW, hiddenUnits, random);
    this.output = new Dense(hiddenUnits, classes, random);
  }

  /** Number of classes, the blank included (the last). */
  public int classes() {
    return classes;
  }

  /** Output columns: the longest text is about half of this (repeats need a blank between). */
  public int columns() {
    return columns;
  }

  private final ThreadLocal<Activations> inference = ThreadLocal.withInitial(() -> new Activations(this, false));

  /** Per-column log-probabilities ({@link #columns()} x {@link #classes()}) for one strip. */
  public double[][] logProbabilities(float[] input) {
    Activations a = forward(input, inference.get());
    double[][] out = new double[columns][classes];
    for (int t = 0; t < columns; t++) Ctc.logSoftmax(a.logits[t], out[t]);
    return out;
  }

  Activations forward(float[] input, Activations a) {
    float[] x = convs.forward(input, a.convs);
    for (int t = 0; t < columns; t++) {
      window(x, t, a.window[t]);
      hidden.forward(a.window[t], a.hidden[t]);
      Vectors.relu(a.hidden[t]);
      output.forward(a.hidden[t], a.logits[t]);
    }
    return a;
  }

  /** Column {@code t} with its neighbours, from the last pooled planes ([channel][row][column]); zero past the ends. */
  private void window(float[] pooled, int t, float[] out) {
    for (int d = 0; d < WINDOW; d++) {
      int col = t + d - WINDOW / 2;
      for (int f = 0; f < features; f++) {
        out[d * features + f] = col < 0 || col >= columns ? 0 : pooled[f * columns + col];
      }
    }
  }

  /** CTC loss of {@code label} for the forward pass in {@code a}; adds the gradients to {@code g}. */
  double backward(int[] label, Activations a, Gradients g) {
    float[][] dLogits = new float[columns][classes];
    double loss = Ctc.loss(a.logits, label, classes - 1, dLogits);
    if (Double.isInfinite(loss)) {
      return 0; // a label longer than the strip can hold: nothing to learn from it
    }
    float[] dx = new float[a.convs.output().length];
    float[] dHidden = new float[hidden.out];
    float[] dWindow = new float[hidden.in];
    for (int t = 0; t < columns; t++) {
      output.backward(a.hidden[t], dLogits[t], dHidden, g.denseW[1], g.denseB[1]);
      for (int j = 0; j < dHidden.length; j++) {
        if (a.hidden[t][j] <= 0) dHidden[j] = 0;
      }
      hidden.backward(a.window[t], dHidden, dWindow, g.denseW[0], g.denseB[0]);
      for (int d = 0; d < WINDOW; d++) {
        int col = t + d - WINDOW / 2;
        if (col < 0 || col >= columns) continue;
        for (int f = 0; f < features; f++) dx[f * columns + col] += dWindow[d * features + f];
      }
    }
    convs.backward(dx, a.convs, g);
    return loss;
  }

  /** The live parameter arrays, for an optimiser to update in place. */
  public float[][] parametersForTraining() {
    return Gradients.parameters(convs, hidden, output);
  }

  /** A training handle holding one thread's activations; one per thread. */
  public Training training() {
    return new Training();
  }

  /** One thread's forward and backward passes over this network, with activations of its own. */
  public final class Training {
    private final Activations activations = new Activations(StripNet.this, true);

    private Training() {}

    /** Gradient accumulators, shaped like {@link StripNet#parametersForTraining()}. */
    public Gradients newGradients() {
      return new Gradients(convs, hidden, output);
    }

    /** Forward and backward for one strip and its label (class indices); returns its CTC loss. */
    public double step(float[] input, int[] label, Gradients g) {
      return backward(label, forward(input, activations), g);
    }
  }

  /** Writes the network: a header with its shape, then every parameter as a big-endian float. */
  public void write(OutputStream out) throws IOException {
    Weights.save(out, new NetHeader(classes, channels, hidden.out), MAGIC, StripInput.HEIGHT, StripInput.WIDTH, convs, hidden, output);
  }

  /**
   * Reads a network written by {@link #write}.
   *
   * @throws IOException the stream is not a strip network of this input size
   */
  public static StripNet read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    NetHeader shape = NetHeader.read(data, MAGIC, StripInput.HEIGHT, StripInput.WIDTH, "strip");
    if (shape.channels().length != POOL_COLUMNS.length + 1) {
      throw new IOException("strip network with " + shape.channels().length + " channel counts, expected " + (POOL_COLUMNS.length + 1));
    }
    StripNet net = new StripNet(shape.classes(), shape.channels(), shape.hiddenUnits(), new Random(0));
    Weights.read(data, net.convs, net.hidden, net.output);
    return net;
  }

  /** The per-strip intermediate values that back-propagation needs. */
  static final class Activations {
    final ConvStack.Buffers convs;
    final float[][] window;
    final float[][] hidden;
    final float[][] logits;

    Activations(StripNet net, boolean training) {
      convs = new ConvStack.Buffers(net.convs, training);
      window = new float[net.columns][net.hidden.in];
      hidden = new float[net.columns][net.hidden.out];
      logits = new float[net.columns][net.classes];
    }
  }
}
