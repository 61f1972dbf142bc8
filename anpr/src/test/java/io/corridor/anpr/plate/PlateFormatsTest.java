package io.corridor.anpr.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlateFormatsTest {

  private final PlateFormats formats = PlateFormats.standard();

  @Test
  void everyFormatMatchesItsOwnExample() {
    for (PlateFormat format : formats.all()) {
      String text = PlateTextCorrector.normalize(format.example());
      assertThat(format.matches(text)).as(format.id() + " matches " + format.example()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0} is a {1} plate")
  @CsvSource({
    "01234AB, XK", "07999ZZ, XK", "123KS456, XK-UNMIK", "AA123BB, AL", "BG123AB, RS", "BG1234AB, RS",
    "ČA123AB, RS", "SK1234AB, MK", "SK123AB, MK", "ŠT1234AB, MK", "PGAB123, ME", "ŽBAB123, ME", "ZBAB123, ME",
    "A12E345, BA", "T45K123, BA", "AB123CD, EU", "B1, EU", "ABC1234D, EU",
    "LJ482NK, SI", "MBAB123, SI", "ZG1234AB, HR", "ST123A, HR", "ČK123AB, HR", "IKY1234, GR", "CA1234AB, BG",
    "B1234AB, BG", "CJ12ABC, RO", "B123ABC, RO-B", "ABC123, HU", "AABC123, HU", "AB123CD, IT", "BAB1234, DE",
    "MX12E, DE", "HHAB123H, DE", "W12345A, AT", "G123AB, AT", "34ABC123, TR", "06A1234, TR", "81AB12, TR",
    "BA123AB, SK", "KE999ZZ, SK", "AA1234BB, UA", "BC0001KX, UA", "WA12345, PL", "WE1234A, PL", "KR123AB, PL",
    "PO1A234, PL", "KR1AB23, PL", "KRA12AB, PL", "KRAA123, PL-3", "KRAAB12, PL-3", "ABC123, MD", "CHAB123, MD-1992",
    "CAB12, MD-1992"
  })
  void acceptsCurrentPlates(String text, String formatId) {
    assertThat(formats.byId(formatId).orElseThrow().matches(text)).isTrue();
  }

  @ParameterizedTest(name = "{0} is not a {1} plate")
  @CsvSource({
    "08234AB, XK",   // district codes run 01-07
    "00234AB, XK",
    "0123AB, XK",    // three digits, not two
    "123KX456, XK-UNMIK",
    "AA1234BB, AL",  // Albania has exactly three digits
    "BG12AB, RS",
    "BG12345AB, RS",
    "XX1234AB, MK",  // not a Macedonian region code
    "SK12345AB, MK",
    "PGAO123, ME",   // Montenegrin serials skip O
    "XXAB123, ME",   // not a municipality
    "PGAB1234, ME",
    "A12B345, BA",   // B is not one of A E J K M O T
    "AB2E345, BA",
    "ABC1234DE, EU", // nine characters, generic allows eight
    "1234AB, EU",
    "XX482NK, SI",   // not a Slovenian region
    "LJ482N, SI",    // five characters after the region
    "XY1234AB, HR",
    "ZG12AB, HR",
    "ICY1234, GR",   // C has no Greek twin
    "IKY123, GR",
    "CA1234AD, BG",  // D has no Cyrillic twin
    "QQ1234AB, BG",
    "XX12ABC, RO",
    "CJ12AB, RO",
    "AB1234, HU",
    "AB123CI, IT",   // no I, O, Q, U on Italian plates
    "AB12345, DE",   // two letters then five digits: too many
    "BAB1234X, DE",
    "00ABC123, TR",  // provinces run 01-81
    "82ABC123, TR",
    "O1234AB, AT",   // O is no Austrian district
    "W123456A, AT",
    "BA1234AB, SK",  // three digits
    "AA1234BD, UA",  // D has no Cyrillic twin
    "AA123BB, UA",
    "AA12345, PL",   // A is no voivodeship
    "WAA123, PL",    // four or five characters after the district
    "AB1234, MD",
    "ABC1234, MD"
  })
  void rejectsOtherShapes(String text, String formatId) {
    assertThat(formats.byId(formatId).orElseThrow().matches(text)).isFalse();
  }

  @Test
  void exactMatchDoesNotSwapCharacters() {
    PlateFormat xk = formats.byId("XK").orElseThrow();
    assertThat(xk.matches("O1234AB")).as("needs a swap, so not an exact match").isFalse();
    assertThat(xk.correct("O1234AB")).get().satisfies(m -> {
      assertThat(m.text()).isEqualTo("01234AB");
      assertThat(m.substitutions()).isEqualTo(1);
    });
  }

  @Test
  void looksUpByCountry() {
    assertThat(formats.forCountry("xk")).extracting(PlateFormat::id).containsExactly("XK", "XK-UNMIK");
    assertThat(formats.forCountry("RS")).extracting(PlateFormat::id).containsExactly("RS");
    assertThat(formats.forCountry("de")).extracting(PlateFormat::id).containsExactly("DE");
    assertThat(formats.forCountry("RO")).extracting(PlateFormat::id).containsExactly("RO", "RO-B");
    assertThat(formats.forCountry("FR")).isEmpty();
    assertThat(formats.byId("EU").orElseThrow().generic()).isTrue();
  }

  @Test
  void coversEveryCountryWhoseCarsCrossTheRegionsBorders() {
    for (String country : List.of("SI", "HR", "BA", "RS", "ME", "MK", "XK", "AL", "GR", "BG", "RO", "HU", "AT", "IT",
        "DE", "TR", "SK", "CZ", "PL", "UA", "MD")) {
      assertThat(formats.forCountry(country)).as(country).isNotEmpty();
    }
    assertThat(formats.all()).filteredOn(PlateFormat::generic).extracting(PlateFormat::id)
        .containsExactly("EU");
  }

  @Test
  void shapesThatMostShortTextsFitAreNoEvidence() {
    // Polish and Moldovan shapes name a country but do not make a text a plate.
    assertThat(formats.fitsCountryFormat("KR1AB23")).isFalse();
    assertThat(formats.fitsCountryFormat("ABC123")).isFalse();
    // Slovak and Ukrainian plates count, as the Albanian and Serbian ones of the same shapes did.
    assertThat(formats.fitsCountryFormat("BA123AB")).isTrue();
    assertThat(formats.fitsCountryFormat("AA1234BB")).isTrue();
    assertThat(formats.withoutShapeOnly().all()).extracting(PlateFormat::id).contains("SK", "UA")
        .doesNotContain("PL", "PL-3", "MD", "MD-1992");
  }

  @Test
  void rejectsDuplicateIds() {
    PlateFormat one = formats.byId("AL").orElseThrow();
    assertThatThrownBy(() -> new PlateFormats(List.of(one, one))).hasMessageContaining("duplicate plate format id AL");
  }

  @Test
  void segmentValuesMustFitTheSegment() {
    assertThatThrownBy(() -> Segment.oneOf(Segment.DIGITS, "0A")).isInstanceOf(IllegalArgumentException.class);
  }
}
