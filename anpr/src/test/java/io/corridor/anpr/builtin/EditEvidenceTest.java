package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.plate.PlateFormat;
import io.corridor.anpr.plate.PlateFormats;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditEvidenceTest {

  private final List<PlateFormat> formats = PlateFormats.standard().withoutShapeOnly().all();
  private final PlateFormat country = formats.stream().filter(f -> !f.generic()).findFirst().orElseThrow();
  private final PlateFormat generic = formats.stream().filter(PlateFormat::generic).findFirst().orElseThrow();

  private static BandReader.Reading reading(PlateFormat format, double score) {
    return new BandReader.Reading("TEXT", score, format, false, score, score);
  }

  @Test
  void aFormatThatFitsOnlyOnceTheAddedCharacterIsInIsNoEvidence() {
    // 65AAS fits nothing; B65AAS, with the strip's B, fits a country's format.
    assertThat(EditEvidence.formatPrior(reading(null, 0.4), reading(country, 1.0))).isEqualTo(BandReader.UNFORMATTED_FACTOR);
    assertThat(EditEvidence.formatPrior(reading(generic, 0.4), reading(country, 1.0))).isEqualTo(BandReader.GENERIC_FACTOR);
  }

  @Test
  void aFormatTheCutsTextHadAlreadyCountsButNotTheHintsBonusNorTheOpenShape() {
    assertThat(EditEvidence.formatPrior(reading(country, 0.4), reading(country, 1.0))).isEqualTo(1.0);
    // The hinted country's bonus (1.5) ranks; it is not evidence.
    assertThat(EditEvidence.formatPrior(reading(country, 0.4), reading(country, BandReader.HINT_FACTOR))).isEqualTo(1.0);
    // An unformatted longer text under an open shape (its factor 1) is still a text that fits no format.
    assertThat(EditEvidence.formatPrior(reading(country, 0.4), reading(null, 1.0))).isEqualTo(BandReader.UNFORMATTED_FACTOR);
  }
}
