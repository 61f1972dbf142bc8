package io.corridor.anpr.nn;

import java.util.List;

/**
 * The Adam optimiser over a network's parameter arrays. Gradients come from one or more workers
 * (summed per step, in worker order, so a run is deterministic for its thread count) and are
 * averaged over the batch.
 */
public final class Adam {

  private static final float B1 = 0.9f, B2 = 0.999f, EPS = 1e-8f;

  private final float[][] params;
  private final float[][] m;
  private final float[][] v;
  private long step;

  /** @param params the live parameter arrays, updated in place */
  public Adam(float[][] params) {
    this.params = params;
    this.m = new float[params.length][];
    this.v = new float[params.length][];
    for (int i = 0; i < params.length; i++) {
      m[i] = new float[params[i].length];
      v[i] = new float[params[i].length];
    }
  }

  /**
   * One update.
   *
   * @param grads each worker's gradient arrays, shaped like the parameters
   * @param batch the number of samples the gradients were summed over
   * @param lr the learning rate for this step
   * @param clip the largest absolute averaged gradient applied (0 for none)
   */
  public void step(List<float[][]> grads, int batch, float lr, float clip) {
    step++;
    double c1 = 1 - Math.pow(B1, step), c2 = 1 - Math.pow(B2, step);
    for (int i = 0; i < params.length; i++) {
      float[] p = params[i], mi = m[i], vi = v[i];
      for (int j = 0; j < p.length; j++) {
        float g = 0;
        for (float[][] gw : grads) g += gw[i][j];
        g /= batch;
        if (clip > 0) g = Math.max(-clip, Math.min(clip, g));
        mi[j] = B1 * mi[j] + (1 - B1) * g;
        vi[j] = B2 * vi[j] + (1 - B2) * g * g;
        p[j] -= (float) (lr * (mi[j] / c1) / (Math.sqrt(vi[j] / c2) + EPS));
      }
    }
  }
}
