package io.corridor.anpr.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The United States' standard passenger serials, used only under a US country hint. */
class UsFormatsTest {

  private final List<PlateFormat> us = PlateFormats.hintedOnly("US");

  private PlateFormat format(String id) {
    return us.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
  }

  private List<String> fitting(String text) {
    return us.stream().filter(f -> f.matches(text)).map(PlateFormat::id).toList();
  }

  @ParameterizedTest(name = "{0} is a {1} serial")
  @CsvSource({
    // California, Texas and the others' plates as the shared photos' labels spell them
    "5BDE732, US-1ABC234", "4EEU387, US-1ABC234", "6MMD595, US-1ABC234",
    "CGT2069, US-ABC1234", "AKS4329, US-ABC1234", "BSB0399, US-ABC1234",
    "RZN384, US-ABC123", "TWF220, US-ABC123",
    "520MRK, US-123ABC", "980YTB, US-123ABC",
    "DK8F5L, US-AB1C2D", "HB6L0Z, US-AB1C2D", "YG9X2G, US-AB1C2D",
    "5DJ0529, US-1AB2345", "AU41257, US-AB12345", "N359973, US-A123456", "R107555, US-A123456",
    "ATGL04, US-ABCD12", "CJUJ79, US-ABCD12",
    "ABC12D, US-ABC12D", "A12BCD, US-A12BCD", "1234ABC, US-1234ABC"
  })
  void acceptsCurrentSerials(String text, String id) {
    assertThat(format(id).matches(text)).isTrue();
  }

  @ParameterizedTest(name = "{0} is not a {1} serial")
  @CsvSource({
    "5BDE73, US-1ABC234",    // one digit short
    "5BD1732, US-1ABC234",   // two letters
    "55DE732, US-1ABC234",
    "CGT20699, US-ABC1234",  // five digits
    "CG12069, US-ABC1234",
    "RZN38, US-ABC123", "RZ3384, US-ABC123",
    "52MRK, US-123ABC", "520MR7, US-123ABC",
    "DK8F55, US-AB1C2D",     // a digit where Missouri prints a letter
    "DKBF5L, US-AB1C2D", "DK8F5LA, US-AB1C2D", "HB6LDZ, US-AB1C2D",
    "5DJ052, US-1AB2345", "AU4125, US-AB12345", "N35997, US-A123456", "NN59973, US-A123456",
    "ATG104, US-ABCD12", "ABC123, US-ABC12D", "A123CD, US-A12BCD", "123ABC, US-1234ABC"
  })
  void rejectsNearMisses(String text, String id) {
    assertThat(format(id).matches(text)).isFalse();
  }

  @Test
  void everyFormatMatchesItsOwnExampleAndNamesTheUnitedStates() {
    assertThat(us).hasSize(12);
    for (PlateFormat format : us) {
      assertThat(format.matches(PlateTextCorrector.normalize(format.example()))).as(format.id()).isTrue();
      assertThat(format.country()).isEqualTo("US");
      assertThat(format.generic()).isFalse();
    }
  }

  @Test
  void allDigitAndCountyCodedSerialsAreLeftOut() {
    // A row of a sign's digits (a phone number, a price) would fit them.
    assertThat(fitting("205014")).isEmpty();
    assertThat(fitting("8951283")).isEmpty();
    assertThat(fitting("2DA04")).isEmpty();
    assertThat(fitting("TLEANING")).isEmpty();
  }

  @Test
  void onlyAUsHintUsesThem() {
    assertThat(PlateFormats.hintedOnly("us")).isEqualTo(us);
    assertThat(PlateFormats.hintedOnly(null)).isEmpty();
    assertThat(PlateFormats.hintedOnly("RS")).isEmpty();
    assertThat(PlateFormats.hintedOnly("DE")).isEmpty();
    // The region's formats do not change: no US format among them, none counts as evidence there.
    PlateFormats standard = PlateFormats.standard();
    assertThat(standard.forCountry("US")).isEmpty();
    assertThat(standard.all()).noneMatch(f -> "US".equals(f.country()));
    assertThat(standard.fitsCountryFormat("5BDE732")).isFalse();
    assertThat(standard.fitsCountryFormat("DK8F5L")).isFalse();
    assertThat(standard.with(us).all()).endsWith(us.toArray(PlateFormat[]::new));
  }
}
