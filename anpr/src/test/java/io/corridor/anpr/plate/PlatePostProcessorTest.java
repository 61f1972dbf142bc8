package io.corridor.anpr.plate;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.Point;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizedPlate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatePostProcessorTest {

  private final PlatePostProcessor processor = new PlatePostProcessor();

  @Test
  void mergesReadingsThatCorrectToTheSameText() {
    RecognizedPlate plate = plate(
        new PlateCandidate("BG 123-A8", 0.91, false),
        new PlateCandidate("BG123AB", 0.89, true),
        new PlateCandidate("8G123AB", 0.70, false),
        new PlateCandidate("BG123AE", 0.60, false));

    RecognizedPlate out = processor.process(plate, RecognitionHints.forCountry("RS"));

    assertThat(out.candidates()).containsExactly(
        new PlateCandidate("BG123AB", 0.91, true),
        new PlateCandidate("BG123AE", 0.60, true));
    assertThat(out.country()).isEqualTo("RS");
    assertThat(out.formatId()).isEqualTo("RS");
    assertThat(out.corners()).isEqualTo(plate.corners());
    assertThat(out.processingTime()).isEqualTo(plate.processingTime());
  }

  @Test
  void promotesTheFirstCandidateFittingACountryFormat() {
    RecognizedPlate plate = plate(
        new PlateCandidate("7777777", 0.95, false),
        new PlateCandidate("AB12CD", 0.90, false),  // generic EU shape only
        new PlateCandidate("01234AB", 0.80, false),
        new PlateCandidate("01234A8", 0.79, false));

    RecognizedPlate out = processor.process(plate, RecognitionHints.none());

    assertThat(out.text()).isEqualTo("01234AB");
    assertThat(out.confidence()).isEqualTo(0.80);
    assertThat(out.country()).isEqualTo("XK");
    assertThat(out.formatId()).isEqualTo("XK");
    assertThat(out.candidates()).extracting(PlateCandidate::text).containsExactly("01234AB", "7777777", "AB12CD");
  }

  @Test
  void fallsBackToGenericThenToTheEnginesOrder() {
    RecognizedPlate generic = processor.process(
        plate(new PlateCandidate("7777777", 0.9, false), new PlateCandidate("ab-12-cd", 0.5, false)),
        RecognitionHints.none());
    assertThat(generic.text()).isEqualTo("AB12CD");
    assertThat(generic.country()).isNull();
    assertThat(generic.formatId()).isEqualTo("EU");

    RecognizedPlate none = processor.process(plate(new PlateCandidate("77-77", 0.9, true)), RecognitionHints.none());
    assertThat(none.text()).isEqualTo("7777");
    assertThat(none.formatId()).isNull();
    assertThat(none.matchesFormat()).as("the engine's own template match is kept").isTrue();
  }

  @Test
  void dropsPlatesWithNoTextLeft() {
    RecognitionResult result = new RecognitionResult(
        List.of(plate(new PlateCandidate("--", 0.5, false)), plate(new PlateCandidate("AA 123 BB", 0.5, false))),
        640, 480, Duration.ofMillis(12));
    RecognitionResult out = processor.process(result, RecognitionHints.none());
    assertThat(out.plates()).extracting(RecognizedPlate::text).containsExactly("AA123BB");
    assertThat(out.imageWidth()).isEqualTo(640);
  }

  private static RecognizedPlate plate(PlateCandidate... candidates) {
    return new RecognizedPlate(List.of(candidates),
        List.of(new Point(1, 2), new Point(30, 2), new Point(30, 10), new Point(1, 10)),
        null, null, null, 0.0, Duration.ofMillis(5));
  }
}
