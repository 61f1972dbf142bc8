package io.corridor.anpr.builtin;

import static io.corridor.anpr.builtin.StripFixtures.columnsReading;
import static io.corridor.anpr.builtin.StripFixtures.cut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.plate.PlateFormat;
import io.corridor.anpr.plate.PlateFormats;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StripEditsTest {

  private final List<PlateFormat> formats = PlateFormats.standard().withoutShapeOnly().all();
  private final Function<String, List<BandReader.Reading>> readText =
      t -> StripTexts.readings(List.of(StripEdits.sure(t)), formats, null, false);

  @Test
  void aCharacterTheCutDroppedIsAddedWhereTheStripsBestTextHasIt() {
    // The cut read "7ABC23" of a 7-character US plate: the 1 glued to its neighbour.
    Map<String, Double> strip = Map.of("7ABC23", 0.2, "7ABC123", 0.9);
    List<BandReader.Reading> out = StripEdits.of(List.of(cut("7ABC23", 0.4)), columnsReading("7ABC123"),
        t -> strip.getOrDefault(t, 0.0), 6, readText);
    BandReader.Reading longer = out.stream().filter(r -> r.text().equals("7ABC123")).findFirst().orElseThrow();
    // Neither text fits a format: the cut's evidence without its prior, the longer text's prior,
    // the strip's probability, and the character the cut did not read.
    double cutEvidence = 0.4 / BandReader.UNFORMATTED_FACTOR;
    assertThat(longer.score()).isCloseTo(Math.sqrt(cutEvidence * BandReader.UNFORMATTED_FACTOR * 0.9) * StripEdits.UNREAD, within(1e-9));
    assertThat(longer.confidence()).isEqualTo(0.4);
    // Against the cut's text re-ranked by the same mean, sqrt(0.4 * 0.2): the longer one is ahead.
    assertThat(longer.score()).isGreaterThan(Math.sqrt(0.4 * 0.2));
  }

  @Test
  void nothingIsAddedWhereTheStripsBestTextDiffersOtherwise() {
    List<BandReader.Reading> ranked = List.of(cut("7ABC23", 0.4));
    // A character changed, not added: the strip may not overrule the cut there.
    assertThat(StripEdits.of(ranked, columnsReading("7ABC28"), t -> 0.9, 6, readText)).isEmpty();
    // Two characters added.
    assertThat(StripEdits.of(ranked, columnsReading("7ABC1234"), t -> 0.9, 7, readText)).isEmpty();
    // The strip agrees with the cut.
    assertThat(StripEdits.of(ranked, columnsReading("7ABC23"), t -> 0.9, 6, readText)).isEmpty();
  }

  @Test
  void nothingIsAddedWhereTheStripIsNoSurerOfTheLongerText() {
    Map<String, Double> strip = Map.of("7ABC23", 0.8, "7ABC123", 0.7);
    assertThat(StripEdits.of(List.of(cut("7ABC23", 0.4)), columnsReading("7ABC123"), t -> strip.getOrDefault(t, 0.0), 6, readText))
        .isEmpty();
  }

  @Test
  void theLongerTextMayNotReachPastOneCharacterBeyondTheRowsPieces() {
    // A cut text longer than the row's pieces is the re-cut's: the strip does not see it.
    assertThat(StripEdits.of(List.of(cut("7ABC23", 0.4)), columnsReading("7ABC123"), t -> 0.9, 5, readText)).isEmpty();
  }

  @Test
  void aFormatTheLongerTextFitsCountsForIt() {
    // "BG123AB" fits the Serbian shape, better than "BG12AB" fits any.
    Map<String, Double> strip = Map.of("BG12AB", 0.5, "BG123AB", 0.8);
    List<BandReader.Reading> out = StripEdits.of(List.of(cut("BG12AB", 0.3)), columnsReading("BG123AB"),
        t -> strip.getOrDefault(t, 0.0), 6, readText);
    BandReader.Reading best = out.get(0);
    assertThat(best.text()).isEqualTo("BG123AB");
    assertThat(best.format()).isNotNull();
    double own = factor("BG12AB"), factor = factor("BG123AB");
    assertThat(factor).isGreaterThan(own);
    assertThat(best.score()).isCloseTo(Math.sqrt(0.3 / own * factor * 0.8) * StripEdits.UNREAD, within(1e-9));
  }

  private double factor(String text) {
    return readText.apply(text).stream().filter(r -> r.text().equals(text)).mapToDouble(BandReader.Reading::score).max().orElseThrow();
  }

  @Test
  void aTextWithoutAnEndCharacterTheStripReadsPaysForItWhereTheLongerTextIsRead() {
    // The cut trimmed the unsure last piece of "2DA044" and is surer of the rest; the strip reads
    // the row as "2DA044", and the longer text is among the row's readings (its charge paid).
    List<BandReader.Reading> readings = List.of(cut("2DA04", 0.62), cut("2DA044", 0.61), cut("2DAQ44", 0.39));
    List<BandReader.Reading> out = StripEdits.keepingEnds(readings, StripEdits.bestText(columnsReading("2DA044")));
    assertThat(out).extracting(BandReader.Reading::text).containsExactly("2DA04", "2DA044", "2DAQ44");
    assertThat(out.get(0).score()).isCloseTo(0.62 * StripEdits.UNREAD, within(1e-12));
    assertThat(out.get(1).score()).isEqualTo(0.61);
    assertThat(out.get(2).score()).isEqualTo(0.39);
    // The rank only: what the store filter judges and what plates are ranked by stay the reading's own.
    assertThat(out.get(0).evidence()).isEqualTo(0.62);
    assertThat(out.get(0).confidence()).isEqualTo(0.62);
    // The same at the first end.
    List<BandReader.Reading> first = StripEdits.keepingEnds(List.of(cut("DA044", 0.6), cut("2DA044", 0.5)), "2DA044");
    assertThat(first.get(0).score()).isCloseTo(0.6 * StripEdits.UNREAD, within(1e-12));
    assertThat(first.get(1).score()).isEqualTo(0.5);
  }

  @Test
  void noTextIsChargedForAnEndCharacterWhereAFramesSideStands() {
    // The strip read the frame's side before "DA044" as a "2": the shorter text keeps its score.
    List<BandReader.Reading> readings = List.of(cut("DA044", 0.6), cut("2DA044", 0.5));
    FrameEdges leftClosed = new FrameEdges(10, Double.POSITIVE_INFINITY, true, false);
    assertThat(StripEdits.keepingEnds(readings, "2DA044", leftClosed)).extracting(BandReader.Reading::score)
        .containsExactly(0.6, 0.5);
    // The other end is still charged for a character the strip reads there.
    List<BandReader.Reading> last = List.of(cut("2DA04", 0.62), cut("2DA044", 0.61));
    assertThat(StripEdits.keepingEnds(last, "2DA044", leftClosed).get(0).score()).isCloseTo(0.62 * StripEdits.UNREAD, within(1e-12));
  }

  @Test
  void noTextIsChargedWhereTheStripsTextIsNotAReadingOrDiffersOtherwise() {
    List<BandReader.Reading> readings = List.of(cut("2DA04", 0.62), cut("2DAQ4", 0.39));
    // The strip's longer text is no reading of the row: nothing to choose between.
    assertThat(StripEdits.keepingEnds(readings, "2DA044")).isEqualTo(readings);
    // The strip reads a character inside the text, two more, or the text itself.
    List<BandReader.Reading> other = List.of(cut("2DA04", 0.62), cut("2DA504", 0.5), cut("2DA0444", 0.4));
    for (String strip : List.of("2DA504", "2DA0444", "2DA04")) {
      assertThat(StripEdits.keepingEnds(other, strip)).extracting(BandReader.Reading::score).containsExactly(0.62, 0.5, 0.4);
    }
  }

  @Test
  void findsWhereOneCharacterWasInserted() {
    assertThat(StripEdits.insertedAt("ABC", "XABC")).isZero();
    assertThat(StripEdits.insertedAt("ABC", "ABXC")).isEqualTo(2);
    assertThat(StripEdits.insertedAt("ABC", "ABCX")).isEqualTo(3);
    assertThat(StripEdits.insertedAt("ABC", "ABXD")).isEqualTo(-1);
    assertThat(StripEdits.insertedAt("ABC", "ABC")).isEqualTo(-1);
  }
}
