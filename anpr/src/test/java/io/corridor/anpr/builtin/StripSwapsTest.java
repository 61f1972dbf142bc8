package io.corridor.anpr.builtin;

import static io.corridor.anpr.builtin.StripFixtures.cut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.plate.PlateFormat;
import io.corridor.anpr.plate.PlateFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StripSwapsTest {

  private final List<PlateFormat> formats = PlateFormats.standard().withoutShapeOnly().all();
  private final Function<String, List<BandReader.Reading>> readText =
      t -> StripTexts.readings(List.of(StripEdits.sure(t)), formats, null, false);

  @Test
  void aCharacterTheCutMisreadIsChangedWhereTheStripsBestTextHasAnother() {
    // The cut read the U of a US plate "YF2U68" as a 4 (unsure); the strip, reading the row whole,
    // has "YF2U68" and almost nothing for a 4 there.
    Map<String, Double> strip = Map.of("YF2468", 0.1, "YF2U68", 0.9);
    List<BandReader.Reading> out = StripSwaps.of(List.of(cut("YF2468", 0.4)), "YF2U68", t -> strip.getOrDefault(t, 0.0), 6, readText);
    BandReader.Reading changed = out.stream().filter(r -> r.text().equals("YF2U68")).findFirst().orElseThrow();
    // The cut's evidence without its own text's format factor, the changed text's factor, the
    // strip's probability, and the character the cut did not read.
    double cutEvidence = 0.4 / factor("YF2468");
    double expected = Math.sqrt(cutEvidence * factor("YF2U68") * 0.9) * StripEdits.UNREAD;
    assertThat(changed.score()).isCloseTo(expected, within(1e-9));
    // Its evidence: the same mean on the lesser of the two texts' format priors as evidence (EditEvidence).
    BandReader.Reading asRead = readText.apply("YF2U68").stream().filter(r -> r.text().equals("YF2U68")).findFirst().orElseThrow();
    double prior = EditEvidence.formatPrior(cut("YF2468", 0.4), asRead);
    assertThat(changed.evidence()).isCloseTo(Math.sqrt(cutEvidence * prior * 0.9) * StripEdits.UNREAD, within(1e-9));
    assertThat(changed.evidence()).isLessThanOrEqualTo(changed.score());
    assertThat(changed.confidence()).isEqualTo(0.4);
    // Against the cut's text re-ranked by the same mean, sqrt(0.4 * 0.1): the changed one is ahead.
    assertThat(changed.score()).isGreaterThan(Math.sqrt(0.4 * 0.1));
  }

  private double factor(String text) {
    return readText.apply(text).stream().filter(r -> r.text().equals(text)).mapToDouble(BandReader.Reading::score).max().orElseThrow();
  }

  @Test
  void aLookAlikeTheReadersSplitOnStaysTheCutsWhereTheStripIsNotFarSurer() {
    // The strip a little surer of "5TGN556" than of the cut's "5IGN556": the charge keeps the cut's text first.
    Map<String, Double> strip = Map.of("5IGN556", 0.6, "5TGN556", 0.7);
    List<BandReader.Reading> out = StripSwaps.of(List.of(cut("5IGN556", 0.5)), "5TGN556", t -> strip.getOrDefault(t, 0.0), 7, readText);
    assertThat(out).isNotEmpty();
    assertThat(out.get(0).score()).isLessThan(Math.sqrt(0.5 * 0.6));
  }

  @Test
  void nothingIsChangedWhereTheStripsBestTextDiffersOtherwise() {
    List<BandReader.Reading> ranked = List.of(cut("YF2468", 0.4));
    for (String stripText : List.of("YF2U6B", "YF2U468", "YF268", "YF2468")) {
      // two characters changed, one added, one dropped, none changed
      assertThat(StripSwaps.of(ranked, stripText, t -> 0.9, 7, readText)).as(stripText).isEmpty();
    }
  }

  @Test
  void nothingIsChangedWhereTheStripIsNoSurerOrTheTextIsReadAlready() {
    Map<String, Double> strip = Map.of("YF2468", 0.8, "YF2U68", 0.7);
    assertThat(StripSwaps.of(List.of(cut("YF2468", 0.4)), "YF2U68", t -> strip.getOrDefault(t, 0.0), 6, readText)).isEmpty();
    // The strip's text is one of the cut's readings: the re-rank has judged it on both readers already.
    List<BandReader.Reading> both = List.of(cut("YF2468", 0.4), cut("YF2U68", 0.1));
    assertThat(StripSwaps.of(both, "YF2U68", t -> 0.9, 6, readText)).isEmpty();
  }

  @Test
  void theStripsTextMayNotBeLongerThanTheRowsPiecesNorShorterThanAPlate() {
    assertThat(StripSwaps.of(List.of(cut("YF2468", 0.4)), "YF2U68", t -> 0.9, 5, readText)).isEmpty();
    assertThat(StripSwaps.of(List.of(cut("YF2468", 0.4)), "YF2U68", t -> t.equals("YF2U68") ? 0.9 : 0.3, 6, readText)).isNotEmpty();
    assertThat(StripSwaps.of(List.of(cut("Y24", 0.4)), "YU4", t -> 0.9, 6, readText)).isEmpty();
  }

  @Test
  void findsWhereOneCharacterWasChangedButNotOForZero() {
    assertThat(StripSwaps.changedAt("ABC", "XBC")).isZero();
    assertThat(StripSwaps.changedAt("ABC", "ABX")).isEqualTo(2);
    assertThat(StripSwaps.changedAt("ABC", "AXX")).isEqualTo(-1);
    assertThat(StripSwaps.changedAt("ABC", "ABC")).isEqualTo(-1);
    assertThat(StripSwaps.changedAt("ABC", "ABCD")).isEqualTo(-1);
    assertThat(StripSwaps.changedAt("AB0", "ABO")).isEqualTo(-1);
    assertThat(StripSwaps.changedAt("ABO", "AB0")).isEqualTo(-1);
    assertThat(StripSwaps.changedAt("AB0", "ABD")).isEqualTo(2);
  }

  @Test
  void aChangedTextAnotherReaderReachedKeepsThatReadersReading() {
    List<BandReader.Reading> readings = new ArrayList<>(List.of(cut("YF2468", 0.4), cut("YF2U68", 0.05)));
    StripSwaps.addNew(readings, List.of(cut("YF2U68", 0.3), cut("YF2U6B", 0.2)));
    assertThat(readings).extracting(BandReader.Reading::text).containsExactly("YF2468", "YF2U68", "YF2U6B");
    assertThat(readings.get(1).score()).isEqualTo(0.05);
  }
}
