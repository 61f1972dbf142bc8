package io.corridor.anpr.strip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import io.corridor.anpr.nn.Gradients;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StripNetTest {

  private static float[] strip(long seed) {
    Random r = new Random(seed);
    float[] x = new float[StripInput.HEIGHT * StripInput.WIDTH];
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
    return x;
  }

  @Test
  void backPropagationMatchesNumericalDifferences() {
    StripNet net = new StripNet(StripReader.CLASSES, 11);
    float[] x = strip(5);
    int[] label = {1, 2, 2, 30};
    StripNet.Training training = net.training();
    Gradients g = training.newGradients();
    training.step(x, label, g);
    float[][] params = net.parametersForTraining(), grads = g.arrays();
    Random pick = new Random(3);
    // A few weights of the first convolution, the hidden and the output layer; the tolerance is
    // float rounding of a loss near 30 over a difference of 4e-3, and ReLU kinks.
    int[] arrays = {0, 1, 2, 6, params.length - 2, params.length - 1};
    for (int a : arrays) {
      for (int n = 0; n < 3; n++) {
        int j = pick.nextInt(params[a].length);
        float keep = params[a][j];
        double eps = 2e-3;
        params[a][j] = (float) (keep + eps);
        double up = training.step(x, label, training.newGradients());
        params[a][j] = (float) (keep - eps);
        double down = training.step(x, label, training.newGradients());
        params[a][j] = keep;
        double numeric = (up - down) / (2 * eps);
        assertThat((double) grads[a][j]).as("array %d index %d", a, j).isCloseTo(numeric, within(0.1 * Math.abs(numeric) + 5e-3));
      }
    }
  }

  @Test
  void aWrittenNetworkReadsBackUnchanged() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StripNet original = new StripNet(StripReader.CLASSES, 2);
    original.write(bytes);
    float[] x = strip(9);
    double[][] before = original.logProbabilities(x);
    assertThat(StripNet.read(new ByteArrayInputStream(bytes.toByteArray())).logProbabilities(x)).isDeepEqualTo(before);
    assertThat(original.columns()).as("a column per four pixels").isEqualTo(StripInput.WIDTH / 4);
  }

  @Test
  void aNetworkOfAnotherSizeReadsBackWithItsSize() throws Exception {
    StripNet narrower = new StripNet(StripReader.CLASSES, new int[] {8, 16, 32}, 96, 4);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    narrower.write(bytes);
    ByteArrayOutputStream usual = new ByteArrayOutputStream();
    new StripNet(StripReader.CLASSES, 4).write(usual);
    float[] x = strip(3);
    StripNet back = StripNet.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(back.logProbabilities(x)).isDeepEqualTo(narrower.logProbabilities(x));
    assertThat(back.columns()).isEqualTo(StripInput.WIDTH / 4);
    assertThat(2 * bytes.size()).as("fewer weights than the shipped size").isLessThan(usual.size());
  }

  @Test
  void aSizeNeedsThreeConvolutionBlocks() {
    assertThatThrownBy(() -> new StripNet(StripReader.CLASSES, new int[] {8, 16}, 96, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 convolution channel counts");
  }
}
