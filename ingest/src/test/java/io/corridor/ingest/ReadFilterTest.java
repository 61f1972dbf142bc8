package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadFilterTest {

  private final ReadFilter filter = ReadFilter.standard(0.6);

  @Test
  void aReadThatFitsACountryFormatIsKeptAtAnyConfidence() {
    assertThat(filter.keep("frames", "BG123AB", 0.2, false)).isTrue();
    assertThat(filter.keep("frames", "03456KR", 0.1, false)).isTrue();
    assertThat(filter.dropped("frames")).isZero();
  }

  @Test
  void junkThatOnlyFitsTheGenericShapeIsDroppedAtLowConfidenceAndCounted() {
    assertThat(filter.keep("frames", "III1III", 0.41, false)).isFalse();
    assertThat(filter.keep("frames", "TAXI", 0.3, false)).isFalse();
    assertThat(filter.dropped("frames")).isEqualTo(2);
    assertThat(filter.dropped("openalpr")).isZero();
  }

  @Test
  void aPlateOfAnUnknownCountryReadConfidentlyIsKept() {
    assertThat(filter.keep("frames", "7ABC123", 0.6, false)).as("at the threshold").isTrue();
    assertThat(filter.keep("openalpr", "7ABC123", 0.3, true)).as("the engine matched its own template").isTrue();
  }

  @Test
  void zeroKeepsEverythingAndTheThresholdIsChecked() {
    assertThat(ReadFilter.standard(0).keep("frames", "III1III", 0.0, false)).isTrue();
    assertThatThrownBy(() -> ReadFilter.standard(1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
