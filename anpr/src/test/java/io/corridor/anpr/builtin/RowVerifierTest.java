package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowVerifierTest {

  private static final int D = RowFeatures.NAMES.size();

  /** Rows whose first feature (confidence) alone tells plates (0.6-0.9) from others (0.1-0.4). */
  private static List<double[]> rows(List<Boolean> labels) {
    List<double[]> x = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean plate = i % 2 == 0;
      double[] v = new double[D];
      v[0] = (plate ? 0.6 : 0.1) + 0.3 * ((i * 7) % 10) / 10.0;
      v[5] = (i % 5) / 8.0; // noise, the same for both classes
      x.add(v);
      labels.add(plate);
    }
    return x;
  }

  @Test
  void learnsASeparableFeatureAndTellsTheRowsApart() {
    List<Boolean> y = new ArrayList<>();
    List<double[]> x = rows(y);
    RowVerifier v = RowVerifier.fit(x, y, 2000, 1e-3);
    for (int i = 0; i < x.size(); i++) {
      double p = v.probability(x.get(i));
      if (y.get(i)) {
        assertThat(p).as("plate row %d", i).isGreaterThan(0.8);
      } else {
        assertThat(p).as("other row %d", i).isLessThan(0.2);
      }
    }
  }

  @Test
  void theFitIsDeterministicAndSurvivesItsFile() throws IOException {
    List<Boolean> y = new ArrayList<>();
    List<double[]> x = rows(y);
    StringWriter a = new StringWriter(), b = new StringWriter();
    RowVerifier.fit(x, y, 500, 1e-3).write(a);
    RowVerifier.fit(x, y, 500, 1e-3).write(b);
    assertThat(a.toString()).isEqualTo(b.toString());
    RowVerifier read = RowVerifier.read(new ByteArrayInputStream(a.toString().getBytes(StandardCharsets.UTF_8)));
    RowVerifier fitted = RowVerifier.fit(x, y, 500, 1e-3);
    for (double[] row : x) {
      assertThat(read.probability(row)).isCloseTo(fitted.probability(row), org.assertj.core.api.Assertions.within(1e-6));
    }
  }

  @Test
  void theDropThresholdDecidesWhichRowsAreKept() {
    List<Boolean> y = new ArrayList<>();
    RowVerifier v = RowVerifier.fit(rows(y), y, 2000, 1e-3);
    assertThat(v.keeps(RowVerifier.DROP_BELOW)).isTrue();
    assertThat(v.keeps(RowVerifier.DROP_BELOW - 0.01)).isFalse();
    assertThat(v.droppingBelow(0.5).keeps(0.4)).isFalse();
    assertThat(v.droppingBelow(0).keeps(0)).isTrue();
    assertThatThrownBy(() -> v.droppingBelow(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAFileOfOtherFeatures() {
    String other = "# corridor row verifier v1\na,b\n0 0\n1 1\n0 0 0\n";
    assertThatThrownBy(() -> RowVerifier.read(new ByteArrayInputStream(other.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class).hasMessageContaining("features differ");
    assertThatThrownBy(() -> RowVerifier.read(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void acceptAllTakesEveryRowAndTheShippedOneLoads() {
    assertThat(RowVerifier.ACCEPT_ALL.probability(new double[D])).isEqualTo(1.0);
    double p = RowVerifier.shipped().probability(new double[D]);
    assertThat(p).isBetween(0.0, 1.0);
  }
}
