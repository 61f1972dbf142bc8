package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlateTextTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "01-234-ab     | 01234AB",
      "bg 123 ab     | BG123AB",
      "BG·123·AB     | BG123AB",
      "ns.456.čć     | NS456ČĆ",
      "'pg\t12 '  | PG12",
      "sa 1-đšž      | SA1ĐŠŽ",
      "ABC           | ABC"})
  void normaliseUpperCasesAndDropsSeparators(String raw, String expected) {
    assertThat(PlateText.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"AB", "01234AB", "BG123ČĆ", "ŠŽĐ", "ABCDEFGHIJKL"})
  void validPlates(String plate) {
    assertThat(PlateText.isValid(plate)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A", "ABCDEFGHIJKLM", "ab123", "AB-123", "AB 123", "ÄB12", "AB12ß", "AB€12", "ČĆ\n"})
  void invalidPlates(String plate) {
    assertThat(PlateText.isValid(plate)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"01-234-ab", "bg 123 čć", "NS·456·AB"})
  void normalisedTextOfAcceptedInputIsValidAndStable(String raw) {
    String once = PlateText.normalize(raw);
    assertThat(PlateText.isValid(once)).isTrue();
    assertThat(PlateText.normalize(once)).isEqualTo(once);
  }
}
