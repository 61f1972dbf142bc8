package io.corridor.anpr.builtin;

import static io.corridor.anpr.builtin.StripFixtures.cut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.plate.PlateFormat;
import io.corridor.anpr.plate.PlateFormats;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class StripViewsTest {

  private final List<PlateFormat> formats = PlateFormats.standard().withoutShapeOnly().all();
  private final Function<String, List<BandReader.Reading>> readText =
      t -> StripTexts.readings(List.of(StripEdits.sure(t)), formats, null, false);

  private static ToDoubleFunction<String> view(Map<String, Double> p) {
    return t -> p.getOrDefault(t, 0.0);
  }

  @Test
  void aTextBothViewsPreferClearlyTakesTheRowOver() {
    // The cut read "5FEE7" of "5FEE732" (the last two glued to the frame); both views have the whole plate.
    List<BandReader.Reading> ranked = List.of(cut("5FEE7", 0.5), cut("5FEE73", 0.3));
    ToDoubleFunction<String> row = view(Map.of("5FEE732", 0.9, "5FEE7", 0.2));
    ToDoubleFunction<String> wide = view(Map.of("5FEE732", 0.95, "5FEE7", 0.1));
    List<BandReader.Reading> out = StripViews.of(ranked, List.of("5FEE732", "5FEE7", "5FEE73"), row, wide, readText);
    assertThat(out).isNotEmpty();
    BandReader.Reading first = out.getFirst();
    assertThat(first.text()).isEqualTo("5FEE732");
    // ranked just above the cut's best; its confidence the cut's; its evidence the two views' mean, charged
    assertThat(first.score()).isGreaterThan(0.5).isCloseTo(0.5, within(1e-9));
    assertThat(first.confidence()).isEqualTo(0.5);
    double both = Math.sqrt(0.9 * 0.95);
    BandReader.Reading asRead = readText.apply("5FEE732").stream().filter(r -> r.text().equals("5FEE732"))
        .max(java.util.Comparator.comparingDouble(BandReader.Reading::score)).orElseThrow();
    assertThat(first.evidence()).isCloseTo(both * EditEvidence.formatPrior(cut("5FEE7", 0.5), asRead) * StripEdits.UNREAD, within(1e-9));
  }

  @Test
  void oneViewAloneDoesNotOverruleTheCut() {
    // The wide view reads the frame's edge as a J; the row's own view does not see it: the mean is low.
    List<BandReader.Reading> ranked = List.of(cut("DK2Z5S", 0.6));
    ToDoubleFunction<String> row = view(Map.of("DK2Z5S", 0.9, "JDK2Z5S", 0.2));
    ToDoubleFunction<String> wide = view(Map.of("DK2Z5S", 0.5, "JDK2Z5S", 0.95));
    assertThat(StripViews.of(ranked, List.of("JDK2Z5S", "DK2Z5S"), row, wide, readText)).isEmpty();
  }

  @Test
  void aStripTextNotClearlyPreferredOrNotSureLeavesTheCutsReading() {
    List<BandReader.Reading> ranked = List.of(cut("5IGN556", 0.6));
    // a look-alike the readers split on: surer, but by less than the margin
    ToDoubleFunction<String> close = view(Map.of("5TGN556", 0.8, "5IGN556", 0.5));
    assertThat(StripViews.of(ranked, List.of("5TGN556"), close, close, readText)).isEmpty();
    // far ahead of the cut's text, but unsure itself
    ToDoubleFunction<String> unsure = view(Map.of("5TGN556", 0.45, "5IGN556", 0.0));
    assertThat(StripViews.of(ranked, List.of("5TGN556"), unsure, unsure, readText)).isEmpty();
    // the strip's best text is the cut's own
    ToDoubleFunction<String> same = view(Map.of("5IGN556", 0.9));
    assertThat(StripViews.of(ranked, List.of("5IGN556", "5TGN556"), same, same, readText)).isEmpty();
    // texts shorter than a plate are not read
    ToDoubleFunction<String> shortText = view(Map.of("5IG", 0.99));
    assertThat(StripViews.of(ranked, List.of("5IG"), shortText, shortText, readText)).isEmpty();
  }

  @Test
  void theFormatsMayChooseBetweenOAndNoughtButChangeNoOtherCharacter() {
    assertThat(StripViews.sameButNought("HB6L0Z", "HB6LOZ")).isTrue();
    assertThat(StripViews.sameButNought("SK5K9V", "5K5K9V")).isFalse();
    assertThat(StripViews.sameButNought("DG3C8P", "DG3CBP")).isFalse();
    assertThat(StripViews.sameButNought("DG3C8P", "DG3C8")).isFalse();
    // The strip reads "SK5K9V"; a format that would respell the S as 5 does not make it "5K5K9V".
    List<BandReader.Reading> ranked = List.of(cut("SKK9V", 0.5));
    ToDoubleFunction<String> sure = view(Map.of("SK5K9V", 0.9));
    List<BandReader.Reading> out = StripViews.of(ranked, List.of("SK5K9V"), sure, sure, readText);
    assertThat(out).isNotEmpty().allSatisfy(r -> assertThat(StripViews.sameButNought(r.text(), "SK5K9V")).isTrue());
  }
}
