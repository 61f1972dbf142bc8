package io.corridor.anpr.builtin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether a candidate row is a plate's text: a logistic regression over {@link RowFeatures},
 * trained on the rows the engine finds in labelled photos (the labelled plate's row against the
 * other rows of the same images: stickers, state names, dealer frames, signs, grilles, partial
 * rows of the plate) by {@code io.corridor.anpr.bench.RowVerifierTrainer}. The engine drops a row
 * below {@value #DROP_BELOW} before it becomes a read and ranks the rest by it too.
 *
 * <p>File format (text, written by {@link #write}): a header line, then the feature names, their
 * means, their standard deviations and the weights (bias first), one line each.
 */
public final class RowVerifier {

  /** Rows less likely a plate than this are not read out (unless {@link #droppingBelow} says otherwise). */
  public static final double DROP_BELOW = 0.1;
  private static final String HEADER = "# corridor row verifier v1";
  private static final String RESOURCE = "/io/corridor/anpr/builtin/row-verifier.txt";

  /** Takes every row (probability 1): the engine as it was without a verifier. */
  public static final RowVerifier ACCEPT_ALL = new RowVerifier(null, null, null);

  private final double[] mean, std, weights;
  private final double dropBelow;

  private RowVerifier(double[] mean, double[] std, double[] weights) {
    this(mean, std, weights, DROP_BELOW);
  }

  private RowVerifier(double[] mean, double[] std, double[] weights, double dropBelow) {
    this.mean = mean;
    this.std = std;
    this.weights = weights;
    this.dropBelow = dropBelow;
  }

  /** The same verifier dropping rows below another probability (the bench's trade-off runs). */
  public RowVerifier droppingBelow(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("drop threshold must be within 0..1, got " + probability);
    }
    return new RowVerifier(mean, std, weights, probability);
  }

  /** Whether a row of this probability is read out. */
  boolean keeps(double probability) {
    return probability >= dropBelow;
  }

  /** The verifier shipped with the engine (trained on every labelled photo of the shared sets). */
  public static RowVerifier shipped() {
    try (InputStream in = RowVerifier.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("row verifier resource missing: " + RESOURCE));
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the row verifier: " + e.getMessage(), e);
    }
  }

  /** The features that weigh most against the row (weight times standardised value), most first: for diagnosis. */
  String explain(double[] features) {
    if (weights == null) {
      return "";
    }
    Integer[] order = new Integer[features.length];
    double[] term = new double[features.length];
    for (int i = 0; i < features.length; i++) {
      order[i] = i;
      term[i] = weights[i + 1] * (features[i] - mean[i]) / std[i];
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> term[i]));
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < Math.min(4, order.length); k++) {
      out.append(String.format(java.util.Locale.ROOT, "%s=%.2f(%+.2f) ", RowFeatures.NAMES.get(order[k]), features[order[k]], term[order[k]]));
    }
    return out.toString().trim();
  }

  /** Probability that the row with these features is a plate's text. */
  double probability(double[] features) {
    if (weights == null) {
      return 1.0;
    }
    double z = weights[0];
    for (int i = 0; i < features.length; i++) {
      z += weights[i + 1] * (features[i] - mean[i]) / std[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Fits the regression: features standardised, weights from zero by full-batch gradient descent
   * with a small L2 penalty, a fixed number of steps; deterministic (no sampling, no seed).
   *
   * @param x one feature vector per row ({@link RowFeatures#NAMES} order)
   * @param y whether each row is a plate's text
   */
  public static RowVerifier fit(List<double[]> x, List<Boolean> y, int steps, double l2) {
    int n = x.size(), d = RowFeatures.NAMES.size();
    if (n == 0 || n != y.size()) {
      throw new IllegalArgumentException("need as many labels as rows, and at least one: " + n + " / " + y.size());
    }
    double[] mean = new double[d], std = new double[d];
    for (double[] v : x) {
      for (int i = 0; i < d; i++) mean[i] += v[i] / n;
    }
    for (double[] v : x) {
      for (int i = 0; i < d; i++) std[i] += (v[i] - mean[i]) * (v[i] - mean[i]) / n;
    }
    for (int i = 0; i < d; i++) std[i] = Math.max(1e-6, Math.sqrt(std[i]));
    double[][] z = new double[n][d];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < d; i++) z[r][i] = (x.get(r)[i] - mean[i]) / std[i];
    }
    double[] w = new double[d + 1];
    double lr = 0.5;
    for (int step = 0; step < steps; step++) {
      double[] grad = new double[d + 1];
      for (int r = 0; r < n; r++) {
        double s = w[0];
        for (int i = 0; i < d; i++) s += w[i + 1] * z[r][i];
        double err = 1 / (1 + Math.exp(-s)) - (y.get(r) ? 1 : 0);
        grad[0] += err / n;
        for (int i = 0; i < d; i++) grad[i + 1] += err * z[r][i] / n;
      }
      for (int i = 0; i <= d; i++) {
        w[i] -= lr * (grad[i] + (i == 0 ? 0 : l2 * w[i]));
      }
    }
    return new RowVerifier(mean, std, w);
  }

  /** Reads a verifier written by {@link #write}. */
  public static RowVerifier read(InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (!line.isBlank()) lines.add(line.trim());
    }
    if (lines.size() != 5 || !lines.get(0).equals(HEADER)) {
      throw new IOException("not a row verifier file (expected '" + HEADER + "' and four lines)");
    }
    if (!List.of(lines.get(1).split(",")).equals(RowFeatures.NAMES)) {
      throw new IOException("row verifier features differ from this engine's: " + lines.get(1));
    }
    double[] mean = numbers(lines.get(2)), std = numbers(lines.get(3)), w = numbers(lines.get(4));
    int d = RowFeatures.NAMES.size();
    if (mean.length != d || std.length != d || w.length != d + 1) {
      throw new IOException("row verifier has the wrong number of values");
    }
    return new RowVerifier(mean, std, w);
  }

  /** Writes the verifier as text. */
  public void write(Writer out) throws IOException {
    if (weights == null) {
      throw new IllegalStateException("the accept-all verifier has nothing to write");
    }
    out.write(HEADER + "\n" + String.join(",", RowFeatures.NAMES) + "\n" + line(mean) + "\n" + line(std) + "\n" + line(weights) + "\n");
    out.flush();
  }

  private static String line(double[] v) {
    return String.join(" ", Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.9g", x)).toList());
  }

  private static double[] numbers(String line) {
    return Arrays.stream(line.split(" ")).mapToDouble(Double::parseDouble).toArray();
  }
}
