package io.corridor.anpr.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient accumulators of a network made of a {@link ConvStack} and dense layers, in the order of
 * {@link #parameters}: each convolution's weights and bias, then each dense layer's rows and bias.
 */
public class Gradients {
  /** Per convolution: weights, bias. */
  public final float[][] convW;
  public final float[][] convB;
  /** Per dense layer: rows ([in][out]), bias. */
  public final float[][][] denseW;
  public final float[][] denseB;

  public Gradients(ConvStack stack, Dense... dense) {
    int n = stack.convs.length;
    convW = new float[n][];
    convB = new float[n][];
    for (int i = 0; i < n; i++) {
      convW[i] = new float[stack.convs[i].weights.length];
      convB[i] = new float[stack.convs[i].bias.length];
    }
    denseW = new float[dense.length][][];
    denseB = new float[dense.length][];
    for (int i = 0; i < dense.length; i++) {
      denseW[i] = new float[dense[i].in][dense[i].out];
      denseB[i] = new float[dense[i].out];
    }
  }

  /** The network's live parameter arrays in the order the accumulators use. */
  public static float[][] parameters(ConvStack stack, Dense... dense) {
    List<float[]> p = new ArrayList<>();
    for (Conv c : stack.convs) {
      p.add(c.weights);
      p.add(c.bias);
    }
    for (Dense d : dense) {
      p.addAll(Arrays.asList(d.rows));
      p.add(d.bias);
    }
    return p.toArray(new float[0][]);
  }

  /** The accumulators in {@link #parameters} order. */
  public float[][] arrays() {
    List<float[]> p = new ArrayList<>();
    for (int i = 0; i < convW.length; i++) {
      p.add(convW[i]);
      p.add(convB[i]);
    }
    for (int i = 0; i < denseW.length; i++) {
      p.addAll(Arrays.asList(denseW[i]));
      p.add(denseB[i]);
    }
    return p.toArray(new float[0][]);
  }

  /** Zeroes every accumulator. */
  public void clear() {
    for (float[] a : arrays()) Arrays.fill(a, 0);
  }
}
