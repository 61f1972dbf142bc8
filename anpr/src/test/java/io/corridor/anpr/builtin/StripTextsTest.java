package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.plate.PlateFormat;
import io.corridor.anpr.plate.PlateFormats;
import io.corridor.anpr.strip.CtcDecoder;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripTextsTest {

  private final List<PlateFormat> formats = PlateFormats.standard().withoutShapeOnly().all();

  private static BandReader.Reading best(List<BandReader.Reading> readings) {
    return readings.stream().max(Comparator.comparingDouble(BandReader.Reading::score)).orElseThrow();
  }

  @Test
  void aTextThatFitsAFormatOutranksAnEquallyProbableOneThatFitsNone() {
    double logP = 7 * Math.log(0.9);
    List<BandReader.Reading> r = StripTexts.readings(
        List.of(new CtcDecoder.Text("BG123AB", logP), new CtcDecoder.Text("QQ9Q9Q9", logP)), formats, null, false);
    BandReader.Reading top = best(r);
    assertThat(top.text()).isEqualTo("BG123AB");
    assertThat(top.format()).isNotNull();
    BandReader.Reading none = r.stream().filter(x -> x.text().equals("QQ9Q9Q9")).findFirst().orElseThrow();
    assertThat(none.format()).isNull();
    assertThat(none.score()).isCloseTo(0.9 * BandReader.UNFORMATTED_FACTOR, within(1e-9));
  }

  @Test
  void aConfusableSwappedToFitAFormatCostsAFactor() {
    // "BG12BAB": the B in a digit position reads as 8 for the Serbian shape.
    List<BandReader.Reading> r = StripTexts.readings(List.of(new CtcDecoder.Text("BG12BAB", 0)), formats, "RS", false);
    BandReader.Reading fitted = r.stream().filter(x -> x.format() != null && x.format().country().equals("RS")).findFirst().orElseThrow();
    assertThat(fitted.text()).isEqualTo("BG128AB");
    assertThat(fitted.score()).isCloseTo(StripTexts.SWAP * BandReader.HINT_FACTOR, within(1e-9));
  }

  @Test
  void anOpenShapeCountryTakesUnformattedTextsAtFullWeightAndShortTextsAreDropped() {
    List<BandReader.Reading> r = StripTexts.readings(
        List.of(new CtcDecoder.Text("7ABC123", 0), new CtcDecoder.Text("AB1", 0)), List.of(), "US", true);
    assertThat(r).extracting(BandReader.Reading::text).containsExactly("7ABC123");
    assertThat(r.getFirst().score()).isCloseTo(1.0, within(1e-9));
  }
}
