package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.glyph.GlyphAlphabet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a reading says about the plate (its evidence, the confidence the store filter judges)
 * against what only ranks it: a country hint and the open shape of a country without formats
 * rank a text first without making its characters surer.
 */
class ReadingEvidenceTest {

  /** A band whose glyphs the network is taken to read as {@code text}, each at {@code p}. */
  private static CharBand band(String text, float p, Map<BandReader.GlyphKey, float[]> seen) {
    List<CharBand.Glyph> glyphs = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      byte[] gray = {(byte) i, (byte) text.charAt(i)};
      float[] probabilities = new float[GlyphAlphabet.CLASSES];
      java.util.Arrays.fill(probabilities, (1 - p) / (GlyphAlphabet.CLASSES - 1));
      probabilities[GlyphAlphabet.CHARACTERS.indexOf(text.charAt(i))] = p;
      seen.put(new BandReader.GlyphKey(gray, 2, 1, true), probabilities);
      glyphs.add(new CharBand.Glyph(10 * i, 0, 2, 1, new boolean[2], gray));
    }
    return new CharBand(glyphs, 1, true);
  }

  // The network is never asked: every glyph's answer is in the cache.
  private final BandReader reader = new BandReader(null);

  @Test
  void theOpenShapeOfAHintRanksAUsTextWithoutMakingItSurer() {
    Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
    // In none of the US serial shapes (PlateFormats.hintedOnly): read as the open shape.
    CharBand band = band("7AB1C23", 0.9f, seen);
    BandReader.Reading hinted = reader.read(band, "US", seen).getFirst();
    BandReader.Reading plain = reader.read(band, null, seen).getFirst();
    assertThat(hinted.text()).isEqualTo("7AB1C23").isEqualTo(plain.text());
    assertThat(hinted.format()).isNull();
    // Ranked as a plate of the hinted country (no no-format prior) ...
    assertThat(hinted.score()).isCloseTo(plain.score() / BandReader.UNFORMATTED_FACTOR, within(1e-9));
    // ... but as evidence still a text that fits no format, as without the hint.
    assertThat(hinted.evidence()).isCloseTo(plain.evidence(), within(1e-9));
    assertThat(hinted.evidence()).isCloseTo(plain.confidence(), within(1e-9));
  }

  @Test
  void theHintedCountrysBonusRanksButIsNoEvidence() {
    Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
    CharBand band = band("ZG1234AB", 0.9f, seen);
    BandReader.Reading hinted = reader.read(band, "HR", seen).getFirst();
    BandReader.Reading plain = reader.read(band, null, seen).getFirst();
    assertThat(hinted.text()).isEqualTo("ZG1234AB");
    assertThat(hinted.format().id()).isEqualTo("HR");
    assertThat(hinted.score()).isCloseTo(plain.score() * BandReader.HINT_FACTOR, within(1e-9));
    assertThat(hinted.evidence()).isCloseTo(plain.evidence(), within(1e-9));
  }

  @Test
  void theStripsAgreementAndTheVerifierJoinTheEvidence() {
    BandReader.Reading cut = new BandReader.Reading("ANW252", 0.68, null, false);
    assertThat(cut.evidence()).isEqualTo(0.68);
    // The strip reader sees the row's seventh character: it gives the six-character text little.
    BandReader.Reading judged = cut.rescored(Math.sqrt(0.68 * 0.04), 0.04);
    assertThat(judged.confidence()).isEqualTo(0.68);
    assertThat(judged.evidence()).isCloseTo(Math.sqrt(0.68 * 0.04), within(1e-12));
    assertThat(judged.stored(0.7)).isCloseTo(0.7 * Math.sqrt(0.68 * 0.04), within(1e-12)).isLessThan(0.35);
    // A reading both readers agree on, on a row the verifier is sure of, keeps its confidence.
    BandReader.Reading agreed = new BandReader.Reading("ZG1234AB", 0.95, null, false).rescored(0.95, 0.95);
    assertThat(agreed.stored(1.0)).isCloseTo(0.95, within(1e-12));
    assertThat(new BandReader.Reading("X", 1.4, null, false).stored(1.0)).isEqualTo(1.0);
  }
}
