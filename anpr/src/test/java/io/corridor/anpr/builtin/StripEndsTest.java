package io.corridor.anpr.builtin;

import static io.corridor.anpr.builtin.StripFixtures.columnsReading;
import static io.corridor.anpr.builtin.StripFixtures.cut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.plate.PlateFormat;
import io.corridor.anpr.plate.PlateFormats;
import io.corridor.anpr.strip.StripInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StripEndsTest {

  private final List<PlateFormat> formats = PlateFormats.standard().withoutShapeOnly().all();
  private final Function<String, List<BandReader.Reading>> readText =
      t -> StripTexts.readings(List.of(StripEdits.sure(t)), formats, null, false);

  private static List<BandReader.Reading> atEnds(List<BandReader.Reading> ranked, float[][] columns, Map<String, Double> strip, int pieces,
      Function<String, List<BandReader.Reading>> readText) {
    return StripEdits.of(ranked, columns, t -> strip.getOrDefault(t, 0.0), pieces, readText, StripEnds::atAnEnd, StripEnds.RANK_CHARGE);
  }

  @Test
  void aCharacterIsAddedBeforeOrAfterTheCutsTextOnly() {
    assertThat(StripEnds.atAnEnd("AG0R6", "AG0R6T")).isTrue();
    assertThat(StripEnds.atAnEnd("GLS168", "4GLS168")).isTrue();
    assertThat(StripEnds.atAnEnd("TNP22", "TNP222")).isTrue();
    assertThat(StripEnds.atAnEnd("4FC533", "4FCW533")).isFalse();
    assertThat(StripEnds.atAnEnd("AG0R6", "AG0R6TX")).isFalse();
    assertThat(StripEnds.atAnEnd("AG0R6", "AG0R6")).isFalse();
  }

  @Test
  void theWiderStripAddsTheLastCharacterTheRowDropped() {
    // The cut read "7ABC12" of "7ABC123": the 3 beyond the row's end, glued to the frame.
    Map<String, Double> strip = Map.of("7ABC12", 0.3, "7ABC123", 0.9);
    List<BandReader.Reading> out = atEnds(List.of(cut("7ABC12", 0.4)), columnsReading("7ABC123"), strip, 6, readText);
    BandReader.Reading longer = out.stream().filter(r -> r.text().equals("7ABC123")).findFirst().orElseThrow();
    double cutEvidence = 0.4 / BandReader.UNFORMATTED_FACTOR;
    // ranked with the wider view's lighter charge, its evidence charged in full: stored no more readily
    assertThat(longer.score()).isCloseTo(Math.sqrt(cutEvidence * BandReader.UNFORMATTED_FACTOR * 0.9) * StripEnds.RANK_CHARGE, within(1e-9));
    assertThat(longer.evidence()).isCloseTo(Math.sqrt(cutEvidence * BandReader.UNFORMATTED_FACTOR * 0.9) * StripEdits.UNREAD, within(1e-9));
    assertThat(longer.confidence()).isEqualTo(0.4);
  }

  @Test
  void nothingIsAddedInsideTheRowFromTheWiderStrip() {
    // Inside the row the strip of the row's own extent judges (StripEdits.of); the wider view adds at an end only.
    Map<String, Double> strip = Map.of("7ABC23", 0.2, "7ABC123", 0.9);
    assertThat(atEnds(List.of(cut("7ABC23", 0.4)), columnsReading("7ABC123"), strip, 6, readText)).isEmpty();
    assertThat(StripEdits.of(List.of(cut("7ABC23", 0.4)), columnsReading("7ABC123"), t -> strip.getOrDefault(t, 0.0), 6, readText))
        .isNotEmpty();
  }

  @Test
  void aFormatsRespellingIsRankedByTheStripsProbabilityOfItsOwnText() {
    // The strip reads "BG12OA" + "B"; the Serbian format respells its O as 0, a text the strip did not read.
    Map<String, Double> strip = Map.of("BG12OA", 0.3, "BG12OAB", 0.9, "BG120AB", 0.1);
    List<BandReader.Reading> out = atEnds(List.of(cut("BG12OA", 0.3)), columnsReading("BG12OAB"), strip, 6, readText);
    BandReader.Reading respelt = out.stream().filter(r -> r.text().equals("BG120AB")).findFirst().orElseThrow();
    double cut = 0.3 / factor("BG12OA");
    // its format factor as a reading of the longer text, the strip's probability of its own text
    double respelling = score(readText.apply("BG12OAB"), "BG120AB");
    assertThat(respelling).isPositive();
    assertThat(respelt.score()).isCloseTo(Math.sqrt(cut * respelling * 0.1) * StripEnds.RANK_CHARGE, within(1e-9));
    assertThat(score(out, "BG12OAB")).isCloseTo(Math.sqrt(cut * factor("BG12OAB") * 0.9) * StripEnds.RANK_CHARGE, within(1e-9));
  }

  /** The score {@code readText} gives a text itself: its format factor. */
  private double factor(String text) {
    return readText.apply(text).stream().filter(r -> r.text().equals(text)).mapToDouble(BandReader.Reading::score).max().orElseThrow();
  }

  private static double score(List<BandReader.Reading> readings, String text) {
    return readings.stream().filter(r -> r.text().equals(text)).mapToDouble(BandReader.Reading::score).max().orElse(-1);
  }

  @Test
  void theWiderRowReachesOnePitchBeyondTheStripsMarginAtEachEnd() {
    List<CharBand.Glyph> glyphs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      boolean[] mask = new boolean[8 * 20];
      byte[] gray = new byte[8 * 20];
      for (int k = 0; k < mask.length; k++) {
        mask[k] = k % 3 == 0;
        gray[k] = (byte) (mask[k] ? 20 : 220);
      }
      glyphs.add(new CharBand.Glyph(40 + 14 * i, 50, 8, 20, mask, gray));
    }
    CharBand band = new CharBand(glyphs, 1.0, true);
    StripInput.Row usual = BandStrip.row(band), wide = StripEnds.row(band);
    assertThat(usual.x0() - wide.x0()).isCloseTo(14, within(1e-9));
    assertThat(wide.x1() - usual.x1()).isCloseTo(14, within(1e-9));
    assertThat(wide.charHeight()).isEqualTo(usual.charHeight());
    assertThat(wide.y0()).isCloseTo(60, within(1e-9));
  }
}
