package io.corridor.anpr.glyph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GlyphNetTest {

  private static float[] randomInput(Random r) {
    float[] x = new float[GlyphInput.HEIGHT * GlyphInput.WIDTH];
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
    return x;
  }

  private static float[] oneHot(int k) {
    float[] t = new float[GlyphAlphabet.CLASSES];
    t[k] = 1;
    return t;
  }

  @Test
  void probabilitiesSumToOne() {
    float[] p = new GlyphNet(GlyphAlphabet.CLASSES, 1).classify(randomInput(new Random(2)));
    double sum = 0;
    for (float v : p) {
      assertThat(v).isBetween(0f, 1f);
      sum += v;
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void reusedBuffersNeitherAliasNorLeakBetweenCalls() throws Exception {
    GlyphNet net = new GlyphNet(GlyphAlphabet.CLASSES, 1);
    float[] a = randomInput(new Random(5)), b = randomInput(new Random(6));
    float[] first = net.classify(a);
    float[] firstCopy = first.clone();
    float[] other = net.classify(b);
    assertThat(first).containsExactly(firstCopy); // the second call did not overwrite the first answer
    assertThat(other).isNotEqualTo(first);
    assertThat(net.classify(a)).containsExactly(firstCopy);
    float[][] fromOtherThread = new float[1][];
    Thread t = new Thread(() -> fromOtherThread[0] = net.classify(a));
    t.start();
    t.join();
    assertThat(fromOtherThread[0]).containsExactly(firstCopy);
  }

  @Test
  void backPropagationMatchesFiniteDifferences() {
    GlyphNet net = new GlyphNet(GlyphAlphabet.CLASSES, 3);
    float[] x = randomInput(new Random(4));
    float[] target = oneHot(7);
    GlyphNet.Training training = net.training();
    GlyphNet.Training.Grads grads = training.newGradients();
    training.step(x, target, grads);
    float[][] params = net.parametersForTraining();
    float[][] analytic = grads.arrays();
    Random pick = new Random(5);
    int checked = 0;
    for (int attempt = 0; attempt < 400 && checked < 25; attempt++) {
      int a = pick.nextInt(params.length), i = pick.nextInt(params[a].length);
      float g = analytic[a][i];
      if (Math.abs(g) < 1e-3) {
        continue;
      }
      float saved = params[a][i], eps = 2e-3f;
      params[a][i] = saved + eps;
      float up = training.step(x, target, training.newGradients());
      params[a][i] = saved - eps;
      float down = training.step(x, target, training.newGradients());
      params[a][i] = saved;
      double numeric = (up - down) / (2.0 * eps);
      assertThat(numeric).as("d loss / d param[%d][%d]", a, i).isCloseTo(g, org.assertj.core.data.Offset.offset(0.05 * Math.abs(g) + 2e-4));
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(20);
  }

  @Test
  void learnsToSeparateTwoPatterns() {
    GlyphNet net = new GlyphNet(GlyphAlphabet.CLASSES, 6);
    float[] bar = new float[GlyphInput.HEIGHT * GlyphInput.WIDTH], ring = bar.clone();
    java.util.Arrays.fill(bar, 0.5f);
    java.util.Arrays.fill(ring, 0.5f);
    for (int y = 4; y < 28; y++) {
      bar[y * GlyphInput.WIDTH + 12] = -0.5f;
      ring[y * GlyphInput.WIDTH + 6] = ring[y * GlyphInput.WIDTH + 18] = -0.5f;
    }
    GlyphNet.Training training = net.training();
    float[][] params = net.parametersForTraining();
    for (int step = 0; step < 60; step++) {
      GlyphNet.Training.Grads g = training.newGradients();
      training.step(bar, oneHot(1), g);
      training.step(ring, oneHot(0), g);
      float[][] d = g.arrays();
      for (int a = 0; a < params.length; a++) {
        for (int i = 0; i < params[a].length; i++) params[a][i] -= 0.01f * d[a][i];
      }
    }
    assertThat(net.classify(bar)[1]).isGreaterThan(0.9f);
    assertThat(net.classify(ring)[0]).isGreaterThan(0.9f);
  }

  @Test
  void writtenNetworksReadBackIdentically() throws IOException {
    GlyphNet net = new GlyphNet(GlyphAlphabet.CLASSES, 8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    net.write(out);
    GlyphNet copy = GlyphNet.read(new ByteArrayInputStream(out.toByteArray()));
    float[] x = randomInput(new Random(9));
    assertThat(copy.classify(x)).containsExactly(net.classify(x));
  }

  @Test
  void rejectsStreamsThatAreNotNetworks() {
    assertThatThrownBy(() -> GlyphNet.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
        .isInstanceOf(IOException.class).hasMessageContaining("not a Corridor glyph network");
  }
}
