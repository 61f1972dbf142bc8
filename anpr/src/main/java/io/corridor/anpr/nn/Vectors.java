package io.corridor.anpr.nn;

/** The two inner loops every layer is built from, written so that HotSpot vectorises or pipelines them. */
public final class Vectors {

  private Vectors() {}

  /** {@code y += a * x} over the whole of {@code y}. */
  public static void saxpy(float[] y, float[] x, float a) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  /**
   * {@code y += a0 * x0; y += a1 * x1; y += a2 * x2; y += a3 * x3} over the whole of {@code y}, in
   * one sweep: the same additions in the same order as four {@link #saxpy} calls, so the same result
   * to the last bit (Java neither reorders nor fuses float arithmetic).
   */
  public static void saxpy4(float[] y, float[] x0, float a0, float[] x1, float a1, float[] x2, float a2, float[] x3, float a3) {
    int n = y.length;
    if (x0.length < n || x1.length < n || x2.length < n || x3.length < n) {
      throw new IllegalArgumentException("rows shorter than the accumulator");
    }
    for (int i = 0; i < n; i++) {
      y[i] = (((y[i] + a0 * x0[i]) + a1 * x1[i]) + a2 * x2[i]) + a3 * x3[i];
    }
  }

  /**
   * {@link #saxpy4} into two accumulators at once, with the weights {@code w[at..at+3]} for {@code
   * y} and {@code w[at2..at2+3]} for {@code y2}: each row is loaded once for both; each
   * accumulator gets the same additions in the same order as by itself.
   */
  public static void saxpy4x2(float[] y, float[] y2, float[] x0, float[] x1, float[] x2, float[] x3, float[] w, int at, int at2) {
    int n = y.length;
    if (y2.length != n || x0.length < n || x1.length < n || x2.length < n || x3.length < n) {
      throw new IllegalArgumentException("rows shorter than the accumulators");
    }
    float a0 = w[at], a1 = w[at + 1], a2 = w[at + 2], a3 = w[at + 3];
    float b0 = w[at2], b1 = w[at2 + 1], b2 = w[at2 + 2], b3 = w[at2 + 3];
    for (int i = 0; i < n; i++) {
      float v0 = x0[i], v1 = x1[i], v2 = x2[i], v3 = x3[i];
      y[i] = (((y[i] + a0 * v0) + a1 * v1) + a2 * v2) + a3 * v3;
      y2[i] = (((y2[i] + b0 * v0) + b1 * v1) + b2 * v2) + b3 * v3;
    }
  }

  /** The dot product of {@code a} and {@code b} over the length of {@code a}. */
  public static float dot(float[] a, float[] b) {
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

  /** Clamps negative values to zero in place. */
  public static void relu(float[] v) {
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 0) v[i] = 0;
    }
  }

  /** Softmax of {@code logits} into {@code p} (both of the same length). */
  public static void softmax(float[] logits, float[] p) {
    float max = Float.NEGATIVE_INFINITY;
    for (float l : logits) max = Math.max(max, l);
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      p[k] = (float) Math.exp(logits[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) p[k] /= (float) sum;
  }
}
