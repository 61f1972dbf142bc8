package io.corridor.anpr.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlateTextCorrectorTest {

  private final PlateTextCorrector corrector = new PlateTextCorrector();

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
    " bg 123-ab |BG123AB",
    "01·234·AB|01234AB",
    "A12-E-345|A12E345",
    "А12-Е-345|A12E345",       // Cyrillic А and Е
    "ča 123-ab|ČA123AB",        // diacritics kept, upper-cased
    "PG\tAB.123|PGAB123",
    "---|''"
  })
  void normalizes(String raw, String expected) {
    assertThat(PlateTextCorrector.normalize(raw)).isEqualTo(expected);
  }

  @Test
  void composesDecomposedDiacritics() {
    assertThat(PlateTextCorrector.normalize("C\u030CA123AB")).isEqualTo("ČA123AB");
  }

  @ParameterizedTest(name = "{0} read in {1} -> {2} ({3}, {4} swaps)")
  @CsvSource({
    "O1-234-AB,  XK, 01234AB, XK, 1",   // O in a digit position
    "0I-Z34-AB,  XK, 01234AB, XK, 2",   // I and Z in digit positions
    "01-234-A8,  XK, 01234AB, XK, 1",   // 8 in a letter position
    "123-K5-456, XK, 123KS456, XK-UNMIK, 1",
    "A4 1Z3 B8,  AL, AA123BB, AL, 3",
    "8G 123-AB,  RS, BG123AB, RS, 1",
    "BG 12S4-A8, RS, BG1254AB, RS, 2",
    "SK 1Z34 A8, MK, SK1234AB, MK, 2",
    "P6 AB 1Z3,  ME, PGAB123, ME, 2",
    "412-E-345,  BA, A12E345, BA, 1",   // 4 -> A where a letter is due
    "A12-0-345,  BA, A12O345, BA, 1",   // 0 -> O, which Bosnian plates use
    "AB 1Z3 CD,  FR, AB123CD, AL, 1"    // no French format: Albanian shape wins over generic
  })
  void correctsConfusablesWhereTheFormatDemands(String raw, String hint, String text, String formatId, int swaps) {
    FormatMatch best = corrector.best(raw, hint).orElseThrow();
    assertThat(best.text()).isEqualTo(text);
    assertThat(best.format().id()).isEqualTo(formatId);
    assertThat(best.substitutions()).isEqualTo(swaps);
  }

  @Test
  void leavesCharactersAloneWhereTheirClassIsRight() {
    // O in letter positions stays O; only the O in the digit run becomes 0.
    FormatMatch match = corrector.best("SO 1O3-OB", "RS").orElseThrow();
    assertThat(match.text()).isEqualTo("SO103OB");
    assertThat(match.substitutions()).isEqualTo(1);
  }

  @Test
  void doesNotSwapIntoALetterTheFormatForbids() {
    // B would need to become 8 to be a digit, but the position wants a Bosnian letter: no BA match.
    assertThat(corrector.matches("A12-B-345", "BA")).extracting(m -> m.format().id()).doesNotContain("BA");
  }

  @Test
  void countryHintDecidesBetweenFormatsOfTheSameShape() {
    // Exact fits first, in the formats' order; the generic shape before fits that need swaps.
    assertThat(ids(corrector.matches("BG 123-AB", null))).startsWith("AL", "RS", "SK", "IT").contains("EU");
    assertThat(ids(corrector.matches("BG 123-AB", "RS"))).startsWith("RS", "AL", "SK", "IT");
    assertThat(ids(corrector.matches("BG 123-AB", "SK"))).startsWith("SK", "AL", "RS", "IT");
    assertThat(ids(corrector.matches("BG 123-AB", "rs"))).startsWith("RS");
    assertThat(ids(corrector.matches("BG 123-AB", "XK"))).as("a hint never filters").startsWith("AL", "RS", "SK", "IT");
  }

  @Test
  void aHintDecidesBetweenEqualFitsButDoesNotBuyASwap() {
    // Read exactly, a Kosovo plate stays Kosovan under a Serbian hint (Serbian "OI234AB" needs two swaps).
    assertThat(corrector.best("01234AB", "RS").orElseThrow().format().id()).isEqualTo("XK");
    // "O1234AB" is one swap from Kosovan 01234AB and one from Serbian OI234AB: the hint decides.
    assertThat(corrector.best("O1234AB", "RS").orElseThrow().text()).isEqualTo("OI234AB");
    assertThat(corrector.best("O1234AB", "XK").orElseThrow().text()).isEqualTo("01234AB");
    assertThat(corrector.best("O1234AB", null).orElseThrow().text()).as("format order without a hint").isEqualTo("01234AB");
  }

  @Test
  void prefersFewerSwapsAmongCountryFormats() {
    // "SK1234AB" is Macedonian as read (0 swaps) and Serbian-shaped too; without a hint, MK first by order.
    assertThat(ids(corrector.matches("SK 1234 AB", null))).startsWith("MK", "RS");
    // "01234A8": Kosovo with one swap beats the generic shape, which would need two.
    assertThat(corrector.best("01234A8", null).orElseThrow().format().id()).isEqualTo("XK");
  }

  @Test
  void choosesTheSplitNeedingFewestSwaps() {
    // Generic EU can read "B8123AB" as B|8123|AB (no swap) or B8->BB|123|AB (one swap).
    FormatMatch match = new PlateTextCorrector(new PlateFormats(List.of(PlateFormats.standard().byId("EU").orElseThrow())))
        .best("B8123AB", null).orElseThrow();
    assertThat(match.text()).isEqualTo("B8123AB");
    assertThat(match.substitutions()).isZero();
  }

  @Test
  void returnsNothingForTextFittingNoFormat() {
    assertThat(corrector.matches("12345678", null)).isEmpty();
    // Generic EU reads it as I2345 (one swap, plus the generic's cost); the German shape as IZ345
    // (two swaps) at the same cost, and a country's format wins a tie.
    assertThat(corrector.best("12345", null)).get().extracting(FormatMatch::text).isIn("I2345", "IZ345");
    assertThat(corrector.matches("", "XK")).isEmpty();
    assertThat(corrector.best("WWWWWWWWWWWW", null)).isEmpty();
  }

  private static List<String> ids(List<FormatMatch> matches) {
    return matches.stream().map(m -> m.format().id()).toList();
  }
}
