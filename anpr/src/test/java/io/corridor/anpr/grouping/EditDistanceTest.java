package io.corridor.anpr.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditDistanceTest {

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    "BG123AB, BG123AB, true",
    "BG123AB, BG128AB, true",   // substitution
    "BG123AB, BG1234AB, true",  // insertion inside
    "BG123AB, BG123A, true",    // deletion at the end
    "BG123AB, G123AB, true",    // deletion at the start
    "BG123AB, BG128A8, false",  // two substitutions
    "BG123AB, BG12AB3, false",  // transposition is two edits
    "BG123AB, BG12, false",
    "'', A, true",
    "'', AB, false"
  })
  void atMostOneEdit(String a, String b, boolean expected) {
    assertThat(EditDistance.atMostOne(a, b)).isEqualTo(expected);
    assertThat(EditDistance.atMostOne(b, a)).isEqualTo(expected);
  }
}
