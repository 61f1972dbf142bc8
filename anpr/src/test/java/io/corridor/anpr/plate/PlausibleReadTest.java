package io.corridor.anpr.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlausibleReadTest {

  private final PlausibleRead rule = new PlausibleRead(PlateFormats.standard(), 0.6);

  @ParameterizedTest(name = "{0} at {1}: {2}")
  @CsvSource({
    "03456KR, 0.2, true",   // Kosovo
    "BG123AB, 0.3, true",   // Serbia / Albania / Italy
    "ZG1234AB, 0.3, true",  // Croatia
    "34ABC123, 0.3, false", // Turkey's shape is too loose to count alone
    "34ABC123, 0.7, true",
    "III1III, 0.41, false", // a grille: the generic shape only
    "IIII8, 0.46, false",   // a German shape, but stripes
    "WWK4, 0.2, false",     // a German shape only
    "CITR0E, 0.84, true",   // a badge read confidently: kept, as a foreign plate would be
    "7ABC123, 0.6, true",   // a plate of a country without a format, at the threshold
    "TAXI, 0.3, false"
  })
  void keepsPlatesAndDropsWhatOnlyLooksLikeOne(String text, double confidence, boolean kept) {
    assertThat(rule.keep(text, confidence, false)).isEqualTo(kept);
  }

  @org.junit.jupiter.api.Test
  void anEnginesTemplateMatchCountsUnlessTheTextIsStripes() {
    assertThat(rule.keep("7ABC123", 0.3, true)).isTrue();
    assertThat(rule.keep("1II1", 0.3, true)).isFalse();
    assertThat(new PlausibleRead(PlateFormats.standard(), 0).keep("III1III", 0, false)).isTrue();
    assertThatThrownBy(() -> new PlausibleRead(PlateFormats.standard(), -0.1)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void belowTheFloorNothingIsKeptWhateverItFits() {
    PlausibleRead floored = new PlausibleRead(PlateFormats.standard(), 0.35, 0.6);
    assertThat(floored.drop("9A34911", 0.25, false)).as("a Czech shape on a sign").isEqualTo(PlausibleRead.Drop.LOW_CONFIDENCE);
    assertThat(floored.drop("7ABC123", 0.3, true)).as("an engine's template match too").isEqualTo(PlausibleRead.Drop.LOW_CONFIDENCE);
    assertThat(floored.drop("03456KR", 0.35, false)).as("at the floor").isNull();
    assertThat(floored.drop("TAXI", 0.4, false)).isEqualTo(PlausibleRead.Drop.UNFORMATTED_LOW_CONFIDENCE);
    assertThat(floored.drop("7ABC123", 0.6, false)).isNull();
    assertThatThrownBy(() -> new PlausibleRead(PlateFormats.standard(), 0.7, 0.6)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void underAUsHintATextInNoUsShapeNeedsMoreAndOneInAUsShapeNoLess() {
    PlausibleRead plain = new PlausibleRead(PlateFormats.standard(), 0.35, 0.6);
    PlausibleRead us = plain.forCountry("US");
    // A sign's text in none of the US serial shapes: 0.6 is not enough under the hint.
    assertThat(plain.drop("TLEANING", 0.63, false)).isNull();
    assertThat(us.drop("TLEANING", 0.63, false)).isEqualTo(PlausibleRead.Drop.UNFORMATTED_LOW_CONFIDENCE);
    assertThat(us.drop("TLEANING", 0.6 + PlausibleRead.HINTED_STRICTER_BY, false)).isNull();
    // A US serial's shape is no evidence: it needs what an unformatted text needs, no more.
    assertThat(us.drop("5BDE732", 0.59, false)).isEqualTo(PlausibleRead.Drop.UNFORMATTED_LOW_CONFIDENCE);
    assertThat(us.drop("5BDE732", 0.6, false)).isNull();
    assertThat(us.drop("DK8F5L", 0.6, false)).isNull();
    // The region's formats and the floor count as without the hint.
    assertThat(us.drop("ZG1234AB", 0.35, false)).isNull();
    assertThat(us.drop("ZG1234AB", 0.3, false)).isEqualTo(PlausibleRead.Drop.LOW_CONFIDENCE);
    assertThat(us.drop("TAXI", 0.66, true)).as("an engine's template match").isNull();
    // Other hints, no hint, and a filter that keeps everything are the rule itself.
    assertThat(plain.forCountry("RS")).isSameAs(plain);
    assertThat(plain.forCountry(null)).isSameAs(plain);
    PlausibleRead keepAll = new PlausibleRead(PlateFormats.standard(), 0);
    assertThat(keepAll.forCountry("US")).isSameAs(keepAll);
  }
}
