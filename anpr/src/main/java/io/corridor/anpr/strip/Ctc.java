package io.corridor.anpr.strip;

/**
 * Connectionist temporal classification (Graves et al. 2006): the loss of a label sequence given
 * per-column class scores, summed over every alignment of the label to the columns (repeats
 * collapsed, blanks dropped), and its gradient with respect to the scores. Computed in log space
 * with the forward-backward recursions.
 */
public final class Ctc {

  private Ctc() {}

  /**
   * The negative log-probability of {@code label} and its gradient.
   *
   * @param logits {@code T} columns of {@code K} raw scores (softmax applied here)
   * @param label class indices, none of them {@code blank}
   * @param blank the blank class
   * @param dLogits receives the gradient of the loss with respect to {@code logits} ({@code T x K}), or null
   * @return the loss; {@code Float.POSITIVE_INFINITY} (and a zero gradient) when the label cannot
   *     fit in {@code T} columns
   */
  public static double loss(float[][] logits, int[] label, int blank, float[][] dLogits) {
    int t = logits.length, k = logits[0].length, s = 2 * label.length + 1;
    double[][] logP = new double[t][k];
    for (int i = 0; i < t; i++) logSoftmax(logits[i], logP[i]);
    int[] ext = new int[s];
    for (int j = 0; j < s; j++) ext[j] = j % 2 == 0 ? blank : label[j / 2];
    double[][] alpha = new double[t][s], beta = new double[t][s];
    for (double[] a : alpha) java.util.Arrays.fill(a, Double.NEGATIVE_INFINITY);
    for (double[] b : beta) java.util.Arrays.fill(b, Double.NEGATIVE_INFINITY);
    alpha[0][0] = logP[0][blank];
    if (s > 1) alpha[0][1] = logP[0][ext[1]];
    for (int i = 1; i < t; i++) {
      for (int j = 0; j < s; j++) {
        double a = alpha[i - 1][j];
        if (j >= 1) a = logAdd(a, alpha[i - 1][j - 1]);
        if (j >= 2 && ext[j] != blank && ext[j] != ext[j - 2]) a = logAdd(a, alpha[i - 1][j - 2]);
        alpha[i][j] = a + logP[i][ext[j]];
      }
    }
    beta[t - 1][s - 1] = logP[t - 1][ext[s - 1]];
    if (s > 1) beta[t - 1][s - 2] = logP[t - 1][ext[s - 2]];
    for (int i = t - 2; i >= 0; i--) {
      for (int j = 0; j < s; j++) {
        double b = beta[i + 1][j];
        if (j + 1 < s) b = logAdd(b, beta[i + 1][j + 1]);
        if (j + 2 < s && ext[j] != blank && ext[j] != ext[j + 2]) b = logAdd(b, beta[i + 1][j + 2]);
        beta[i][j] = b + logP[i][ext[j]];
      }
    }
    double logLik = s > 1 ? logAdd(alpha[t - 1][s - 1], alpha[t - 1][s - 2]) : alpha[t - 1][s - 1];
    if (dLogits == null) {
      return -logLik;
    }
    if (Double.isInfinite(logLik)) {
      for (float[] row : dLogits) java.util.Arrays.fill(row, 0);
      return Double.POSITIVE_INFINITY;
    }
    for (int i = 0; i < t; i++) {
      // alpha * beta counts the column's own probability twice: divide it out once.
      double[] occupancy = new double[k];
      java.util.Arrays.fill(occupancy, Double.NEGATIVE_INFINITY);
      for (int j = 0; j < s; j++) {
        occupancy[ext[j]] = logAdd(occupancy[ext[j]], alpha[i][j] + beta[i][j] - logP[i][ext[j]]);
      }
      for (int c = 0; c < k; c++) {
        double posterior = Math.exp(occupancy[c] - logLik);
        dLogits[i][c] = (float) (Math.exp(logP[i][c]) - posterior);
      }
    }
    return -logLik;
  }

  /** Log-softmax of one column. */
  public static void logSoftmax(float[] logits, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) max = Math.max(max, l);
    double sum = 0;
    for (float l : logits) sum += Math.exp(l - max);
    double log = max + Math.log(sum);
    for (int c = 0; c < logits.length; c++) out[c] = logits[c] - log;
  }

  static double logAdd(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) return b;
    if (b == Double.NEGATIVE_INFINITY) return a;
    return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
  }
}
