package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.anpr.plate.PlausibleRead;
import org.junit.jupiter.api.Test;

class ReadFilterTest {

  private final ReadFilter filter = ReadFilter.standard(0.6);

  @Test
  void aReadThatFitsACountryFormatIsKeptDownToTheFloor() {
    assertThat(filter.keep("frames", "BG123AB", 0.36, false)).isTrue();
    assertThat(filter.keep("frames", "03456KR", PlausibleRead.DEFAULT_MIN_CONFIDENCE, false)).isTrue();
    assertThat(filter.dropped("frames")).isZero();
    assertThat(ReadFilter.standard(0, 0.6).keep("frames", "03456KR", 0.1, false)).as("no floor").isTrue();
  }

  @Test
  void belowTheFloorNothingIsStoredAndTheReasonIsCounted() {
    assertThat(filter.keep("frames", "9A34911", 0.25, false)).as("fits the Czech format").isFalse();
    assertThat(filter.keep("openalpr", "7ABC123", 0.2, true)).as("even an engine's template match").isFalse();
    assertThat(filter.keep("frames", "TAXI", 0.5, false)).isFalse();
    assertThat(filter.dropped("frames", PlausibleRead.Drop.LOW_CONFIDENCE)).isEqualTo(1);
    assertThat(filter.dropped("frames", PlausibleRead.Drop.UNFORMATTED_LOW_CONFIDENCE)).isEqualTo(1);
    assertThat(filter.dropped("frames")).isEqualTo(2);
    assertThat(filter.dropped("openalpr", PlausibleRead.Drop.LOW_CONFIDENCE)).isEqualTo(1);
    assertThatThrownBy(() -> ReadFilter.standard(0.7, 0.6)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void junkThatOnlyFitsTheGenericShapeIsDroppedAtLowConfidenceAndCounted() {
    assertThat(filter.keep("frames", "III1III", 0.41, false)).isFalse();
    assertThat(filter.keep("frames", "TAXI", 0.45, false)).isFalse();
    assertThat(filter.dropped("frames")).isEqualTo(2);
    assertThat(filter.dropped("openalpr")).isZero();
  }

  @Test
  void aPlateOfAnUnknownCountryReadConfidentlyIsKept() {
    assertThat(filter.keep("frames", "7ABC123", 0.6, false)).as("at the threshold").isTrue();
    assertThat(filter.keep("openalpr", "7ABC123", 0.4, true)).as("the engine matched its own template").isTrue();
  }

  @Test
  void zeroKeepsEverythingAndTheThresholdIsChecked() {
    assertThat(ReadFilter.standard(0).keep("frames", "III1III", 0.0, false)).isTrue();
    assertThatThrownBy(() -> ReadFilter.standard(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void underAUsHintATextInNoUsSerialShapeNeedsMoreAndIsCounted() {
    assertThat(filter.keep("frames", "TLEANING", 0.63, false)).as("no hint").isTrue();
    assertThat(filter.keep("frames", "TLEANING", 0.63, false, "US")).as("a slogan under the US hint").isFalse();
    assertThat(filter.keep("frames", "5BDE732", 0.6, false, "US")).as("a California serial").isTrue();
    assertThat(filter.keep("frames", "5BDE732", 0.5, false, "US")).as("no evidence: needs 0.6").isFalse();
    assertThat(filter.keep("frames", "TLEANING", 0.63, false, "RS")).as("another country's hint").isTrue();
    assertThat(filter.dropped("frames", PlausibleRead.Drop.UNFORMATTED_LOW_CONFIDENCE)).isEqualTo(2);
  }
}
