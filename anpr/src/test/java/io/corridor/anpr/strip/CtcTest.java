package io.corridor.anpr.strip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CtcTest {

  private static final int BLANK = 3;

  private static float[][] randomLogits(int t, int k, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[t][k];
    for (float[] row : x) for (int c = 0; c < k; c++) row[c] = (float) r.nextGaussian();
    return x;
  }

  @Test
  void gradientMatchesNumericalDifferences() {
    float[][] logits = randomLogits(7, 4, 1);
    int[] label = {0, 1, 1}; // a repeat needs a blank between: the hardest path constraint
    float[][] grad = new float[7][4];
    Ctc.loss(logits, label, BLANK, grad);
    double eps = 1e-3;
    for (int t = 0; t < 7; t++) {
      for (int c = 0; c < 4; c++) {
        float keep = logits[t][c];
        logits[t][c] = (float) (keep + eps);
        double up = Ctc.loss(logits, label, BLANK, null);
        logits[t][c] = (float) (keep - eps);
        double down = Ctc.loss(logits, label, BLANK, null);
        logits[t][c] = keep;
        assertThat((double) grad[t][c]).as("t=%d c=%d", t, c).isCloseTo((up - down) / (2 * eps), within(2e-3));
      }
    }
  }

  @Test
  void lossIsMinusLogOfTheSumOverAlignments() {
    // Two columns, label "a": the alignments are "a-", "-a" and "aa".
    float[][] logits = randomLogits(2, 4, 2);
    double[][] p = new double[2][4];
    for (int t = 0; t < 2; t++) {
      Ctc.logSoftmax(logits[t], p[t]);
      for (int c = 0; c < 4; c++) p[t][c] = Math.exp(p[t][c]);
    }
    double sum = p[0][0] * p[1][BLANK] + p[0][BLANK] * p[1][0] + p[0][0] * p[1][0];
    assertThat(Ctc.loss(logits, new int[] {0}, BLANK, null)).isCloseTo(-Math.log(sum), within(1e-6));
  }

  @Test
  void aLabelThatCannotFitHasNoGradient() {
    float[][] grad = new float[2][4];
    assertThat(Ctc.loss(randomLogits(2, 4, 3), new int[] {1, 1}, BLANK, grad)).isInfinite();
    assertThat(grad[0]).containsOnly(0f);
  }

  private static double[][] columns(String path, String alphabet) {
    double[][] out = new double[path.length()][alphabet.length() + 1];
    for (int t = 0; t < path.length(); t++) {
      int k = path.charAt(t) == '-' ? alphabet.length() : alphabet.indexOf(path.charAt(t));
      for (int c = 0; c < out[t].length; c++) out[t][c] = Math.log(c == k ? 0.9 : 0.1 / alphabet.length());
    }
    return out;
  }

  @Test
  void bestPathMergesRepeatsAndDropsBlanks() {
    CtcDecoder decoder = new CtcDecoder("ABC");
    assertThat(decoder.bestPath(columns("AA-B--BBC-", "ABC"))).isEqualTo("ABBC");
  }

  @Test
  void beamSumsAlignmentsAndRanksTexts() {
    CtcDecoder decoder = new CtcDecoder("AB");
    // Each of two columns: A 0.4, B 0.0, blank 0.6. Best path is "" (0.36); but "A" sums
    // A-, -A and AA: 0.24 + 0.24 + 0.16 = 0.64.
    double[][] logP = {{Math.log(0.4), Double.NEGATIVE_INFINITY, Math.log(0.6)}, {Math.log(0.4), Double.NEGATIVE_INFINITY, Math.log(0.6)}};
    assertThat(decoder.bestPath(logP)).isEmpty();
    List<CtcDecoder.Text> top = decoder.beam(logP, 8, 3, Math.log(1e-3));
    assertThat(top).extracting(CtcDecoder.Text::text).containsExactly("A", "", "AA");
    assertThat(Math.exp(top.get(0).logP())).isCloseTo(0.64, within(1e-9));
    assertThat(Math.exp(top.get(1).logP())).isCloseTo(0.36, within(1e-9));
    assertThat(Math.exp(top.get(2).logP())).isCloseTo(0.0, within(1e-9));
  }
}
