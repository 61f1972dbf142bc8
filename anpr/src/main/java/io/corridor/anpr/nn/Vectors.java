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
