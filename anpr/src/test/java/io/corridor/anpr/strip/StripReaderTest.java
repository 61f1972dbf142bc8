package io.corridor.anpr.strip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StripReaderTest {

  private final StripReader reader = new StripReader(new StripNet(StripReader.CLASSES, 4));

  private static float[] strip() {
    Random r = new Random(8);
    float[] x = new float[StripInput.HEIGHT * StripInput.WIDTH];
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
    return x;
  }

  @Test
  void theBeamsTextsCarryTheirCtcProbability() {
    float[] x = strip();
    float[][] columns = reader.columns(x);
    List<CtcDecoder.Text> top = reader.read(x, 5);
    assertThat(top).isNotEmpty().hasSizeLessThanOrEqualTo(5);
    for (int i = 1; i < top.size(); i++) assertThat(top.get(i).logP()).isLessThanOrEqualTo(top.get(i - 1).logP());
    // The beam sums the alignments it kept: at most the exact sum over all of them.
    for (CtcDecoder.Text t : top) {
      if (t.text().isEmpty()) continue;
      double exact = Math.pow(reader.perCharacter(columns, t.text()), t.text().length());
      assertThat(Math.exp(t.logP())).isLessThanOrEqualTo(exact * (1 + 1e-4));
    }
  }

  @Test
  void textsFromColumnsAreTheTextsOfTheStrip() {
    float[] x = strip();
    List<CtcDecoder.Text> fromStrip = reader.read(x, 3), fromColumns = reader.texts(reader.columns(x), 3);
    assertThat(fromColumns).hasSameSizeAs(fromStrip);
    for (int i = 0; i < fromStrip.size(); i++) {
      assertThat(fromColumns.get(i).text()).isEqualTo(fromStrip.get(i).text());
      assertThat(fromColumns.get(i).logP()).isCloseTo(fromStrip.get(i).logP(), org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void textsOutsideTheAlphabetOrEmptyHaveNoProbability() {
    float[][] columns = reader.columns(strip());
    assertThat(reader.perCharacter(columns, "AB-12")).isZero();
    assertThat(reader.perCharacter(columns, "")).isZero();
    assertThat(reader.perCharacter(columns, "AB12")).isBetween(0.0, 1.0);
  }

  @Test
  void aNetworkOfAnotherShapeIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StripReader(new StripNet(5, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes");
  }
}
