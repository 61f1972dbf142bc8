package io.corridor.anpr.glyph;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import io.corridor.anpr.nn.ConvStack;
import io.corridor.anpr.nn.Dense;
import io.corridor.anpr.nn.Gradients;
import io.corridor.anpr.nn.NetHeader;
import io.corridor.anpr.nn.Weights;
import io.corridor.anpr.nn.Vectors;

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
  final ConvStack convs;
  final Dense hidden;
  final Dense output;

  /** A freshly initialised network (He initialisation from {@code seed}). */
  public GlyphNet(int classes, long seed) {
    this(classes, new int[] {1, 8, 16, 32}, 128, new Random(seed));
  }

  private GlyphNet(int classes, int[] channels, int hiddenUnits, Random random) {
    this.classes = classes;
    this.channels = channels.clone();
    int[] pool = new int[channels.length - 1];
    java.util.Arrays.fill(pool, 2);
    this.convs = new ConvStack(channels, GlyphInput.HEIGHT, GlyphInput.WIDTH, pool, random);
    this.hidden = new Dense(convs.outChannels() * convs.outHeight() * convs.outWidth(), hiddenUnits, random);
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
    float[] x = convs.forward(input, a.convs);
    hidden.forward(x, a.hidden);
    Vectors.relu(a.hidden);
    output.forward(a.hidden, a.logits);
    Vectors.softmax(a.logits, a.probabilities);
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
    output.backward(a.hidden, dLogits, dHidden, g.denseW[1], g.denseB[1]);
    for (int j = 0; j < dHidden.length; j++) {
      if (a.hidden[j] <= 0) {
        dHidden[j] = 0;
      }
    }
    float[] dx = new float[a.convs.output().length];
    hidden.backward(a.convs.output(), dHidden, dx, g.denseW[0], g.denseB[0]);
    convs.backward(dx, a.convs, g);
    return loss;
  }

  /** The live parameter arrays, for an optimiser to update in place. */
  public float[][] parametersForTraining() {
    return Gradients.parameters(convs, hidden, output);
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
        super(net.convs, net.hidden, net.output);
      }
    }
  }

  /** Writes the network: shape, then every parameter as a big-endian float. */
  public void write(OutputStream out) throws IOException {
    Weights.save(out, new NetHeader(classes, channels, hidden.out), MAGIC, GlyphInput.HEIGHT, GlyphInput.WIDTH, convs, hidden, output);
  }

  /**
   * Reads a network written by {@link #write}.
   *
   * @throws IOException the stream is not a network of this input size
   */
  public static GlyphNet read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    NetHeader shape = NetHeader.read(data, MAGIC, GlyphInput.HEIGHT, GlyphInput.WIDTH, "glyph");
    GlyphNet net = new GlyphNet(shape.classes(), shape.channels(), shape.hiddenUnits(), new Random(0));
    Weights.read(data, net.convs, net.hidden, net.output);
    return net;
  }

  /** The per-sample intermediate values that back-propagation needs. */
  static final class Activations {
    final ConvStack.Buffers convs;
    final float[] hidden;
    final float[] logits;
    final float[] probabilities;

    Activations(GlyphNet net, boolean training) {
      convs = new ConvStack.Buffers(net.convs, training);
      hidden = new float[net.hidden.out];
      logits = new float[net.classes];
      probabilities = new float[net.classes];
    }
  }
}
