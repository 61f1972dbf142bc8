package io.corridor.anpr.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatDecoderTest {

  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private final FormatDecoder decoder = new FormatDecoder(PlateFormats.standard(), ALPHABET);

  /** Per position: the reading's character at {@code p}, the rest spread over the alphabet. */
  private static List<float[]> sure(String text, double p) {
    List<float[]> out = new ArrayList<>();
    for (char c : text.toCharArray()) {
      out.add(dist(c, p, (char) 0, 0));
    }
    return out;
  }

  private static float[] dist(char first, double p1, char second, double p2) {
    float[] d = new float[ALPHABET.length()];
    double rest = (1 - p1 - p2) / (ALPHABET.length() - (second == 0 ? 1 : 2));
    java.util.Arrays.fill(d, (float) rest);
    d[ALPHABET.indexOf(first)] = (float) p1;
    if (second != 0) {
      d[ALPHABET.indexOf(second)] = (float) p2;
    }
    return d;
  }

  private FormatDecoder.Fit fit(String formatId, List<float[]> p) {
    return decoder.decode(PlateFormats.standard().byId(formatId).orElseThrow(), p).orElseThrow();
  }

  @Test
  void aClearReadingFitsAsItIs() {
    FormatDecoder.Fit fit = fit("RS", sure("BG123AB", 0.9));
    assertThat(fit.text()).isEqualTo("BG123AB");
    assertThat(fit.logP()).isCloseTo(7 * Math.log(0.9), org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void theFormatPicksTheLikelierAlternativeThatFits() {
    List<float[]> p = sure("BG123AB", 0.9);
    p.set(2, dist('B', 0.6, '8', 0.35)); // a digit place: the 8 wins although B was likelier
    p.set(0, dist('8', 0.6, 'B', 0.35)); // a letter place: the B wins
    FormatDecoder.Fit fit = fit("RS", p);
    assertThat(fit.text()).isEqualTo("BG823AB");
    assertThat(fit.logP()).isCloseTo(5 * Math.log(0.9) + 2 * Math.log(0.35), org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void variableRunsTakeTheLengthThatFitsBest() {
    // Serbia allows three or four digits: the fourth place is read as a digit only if it is one.
    assertThat(fit("RS", sure("BG1234AB", 0.9)).text()).isEqualTo("BG1234AB");
    assertThat(decoder.decode(PlateFormats.standard().byId("RS").orElseThrow(), sure("BG12345AB", 0.9))).isEmpty();
  }

  @Test
  void listedCodesAreTheOnlyChoices() {
    // Kosovo districts are 01-07: a clear 09 cannot be one, a doubtful 9 next to a 7 becomes 07.
    List<float[]> p = sure("09234AB", 0.9);
    assertThat(fit("XK", p).text().substring(0, 2)).isIn("01", "02", "03", "04", "05", "06", "07");
    assertThat(fit("XK", p).logP()).isLessThan(fit("RS", sure("BG123AB", 0.9)).logP());
    p.set(1, dist('9', 0.5, '7', 0.4));
    assertThat(fit("XK", p).text()).isEqualTo("07234AB");
  }

  @Test
  void everyFormatOfTheRightLengthIsReturnedTheFittingOneMostProbable() {
    List<FormatDecoder.Fit> fits = decoder.decode(sure("1B80338", 0.9));
    assertThat(fits).extracting(f -> f.format().id()).contains("CZ", "RS", "EU");
    FormatDecoder.Fit best = fits.stream().max(java.util.Comparator.comparingDouble(FormatDecoder.Fit::logP)).orElseThrow();
    assertThat(best.format().id()).isEqualTo("CZ");
    assertThat(best.text()).isEqualTo("1B80338");
    assertThat(decoder.decode(sure("1234567890", 0.9))).as("longer than any format").isEmpty();
  }
}
