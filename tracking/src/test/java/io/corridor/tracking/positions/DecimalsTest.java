package io.corridor.tracking.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {

  private static void same(String s) {
    assertThat(Double.doubleToRawLongBits(Decimals.parse(s))).as(s)
        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
  }

  @Test
  void trackerValuesAreReadToTheSameDoubleAsParseDouble() {
    for (String s : new String[] {"0", "-0", "+0", "-0.0", "90", "41.323100", "-19.4415", "0.1", "0.3", "1.", ".5",
        "-.5", "999999999999999", "0.000000000000001", "123456789012345", "12345678.9012345", "412.5", "4.5",
        "1796025960", "00000000000000000001"}) {
      same(s);
    }
  }

  @Test
  void randomDecimalsOfUpToFifteenDigitsAndBeyondMatchParseDouble() {
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 200_000; i++) {
      int places = random.nextInt(0, 12);
      double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(0, 10));
      same(String.format(Locale.ROOT, "%." + places + "f", v));
      same(Long.toString(random.nextLong(-999_999_999_999_999L, 999_999_999_999_999L)));
      same(Double.toString(v)); // shortest repr: 16-17 digits or an exponent goes the general way
    }
  }

  @Test
  void whatIsNotAPlainDecimalIsParseDoublesToJudge() {
    for (String s : new String[] {"1e3", "-2.5E-3", " 4.5", "4.5 ", "NaN", "Infinity", "0x1p3", "12d"}) {
      same(s);
    }
    for (String s : new String[] {"", "-", ".", "1.2.3", "--1", "abc", "1,5"}) {
      assertThatThrownBy(() -> Decimals.parse(s)).as(s).isInstanceOf(NumberFormatException.class);
    }
  }
}
