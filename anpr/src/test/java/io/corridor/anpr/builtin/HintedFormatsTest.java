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
 * The US serial formats under a US country hint: decoded with the hinted country's bonus, so they
 * choose between look-alike characters by position; no evidence that a text is a plate; unused
 * without the hint.
 */
class HintedFormatsTest {

  // The network is never asked: every glyph's answer is in the cache.
  private final BandReader reader = new BandReader(null);

  /**
   * A band read as {@code text}, each glyph at 0.9, except where {@code second} has another
   * character: there that one at 0.55 and the text's at 0.4 (a look-alike the network mistook).
   */
  private static CharBand band(String text, String second, Map<BandReader.GlyphKey, float[]> seen) {
    List<CharBand.Glyph> glyphs = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      byte[] gray = {(byte) i, (byte) text.charAt(i), (byte) second.charAt(i)};
      float[] p = new float[GlyphAlphabet.CLASSES];
      char right = text.charAt(i);
      char wrong = second.charAt(i);
      if (right == wrong) {
        java.util.Arrays.fill(p, 0.1f / (GlyphAlphabet.CLASSES - 1));
        p[GlyphAlphabet.CHARACTERS.indexOf(right)] = 0.9f;
      } else {
        java.util.Arrays.fill(p, 0.05f / (GlyphAlphabet.CLASSES - 2));
        p[GlyphAlphabet.CHARACTERS.indexOf(right)] = 0.4f;
        p[GlyphAlphabet.CHARACTERS.indexOf(wrong)] = 0.55f;
      }
      seen.put(new BandReader.GlyphKey(gray, 3, 1, true), p);
      glyphs.add(new CharBand.Glyph(10 * i, 0, 3, 1, new boolean[3], gray));
    }
    return new CharBand(glyphs, 1, true);
  }

  @Test
  void aMissouriSerialTakesTheDigitItsFormatPrintsWhereTheNetworkSawALetter() {
    Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
    // HB6L0Z (Missouri, AB1 C2D) with its 0 read as a D a little more than as a 0.
    CharBand band = band("HB6L0Z", "HB6LDZ", seen);
    BandReader.Reading plain = reader.read(band, null, seen).getFirst();
    assertThat(plain.text()).isEqualTo("HB6LDZ"); // the generic EU shape takes the letter
    BandReader.Reading hinted = reader.read(band, "US", seen).getFirst();
    assertThat(hinted.text()).isEqualTo("HB6L0Z");
    assertThat(hinted.format().id()).isEqualTo("US-AB1C2D");
    assertThat(hinted.country()).isEqualTo("US");
  }

  @Test
  void aCaliforniaSerialTakesTheLetterWhereTheNetworkSawADigit() {
    Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
    // 5IGN556 read with its I as a 1: "51GN556" fits no format.
    CharBand band = band("5IGN556", "51GN556", seen);
    assertThat(reader.read(band, null, seen).getFirst().text()).isEqualTo("51GN556");
    BandReader.Reading hinted = reader.read(band, "US", seen).getFirst();
    assertThat(hinted.text()).isEqualTo("5IGN556");
    assertThat(hinted.format().id()).isEqualTo("US-1ABC234");
  }

  @Test
  void aUsFormatRanksWithTheHintsBonusButIsNoMoreEvidenceThanNoFormat() {
    Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
    CharBand band = band("7ABC123", "7ABC123", seen);
    BandReader.Reading hinted = reader.read(band, "US", seen).getFirst();
    BandReader.Reading plain = reader.read(band, null, seen).getFirst();
    assertThat(hinted.text()).isEqualTo("7ABC123").isEqualTo(plain.text());
    assertThat(plain.format()).isNull();
    assertThat(hinted.format().id()).isEqualTo("US-1ABC234");
    // Ranked as the hinted country's format: no no-format prior, the hint's bonus ...
    assertThat(hinted.score()).isCloseTo(plain.score() / BandReader.UNFORMATTED_FACTOR * BandReader.HINT_FACTOR, within(1e-9));
    // ... but its evidence is that of a text in no format, as without the hint.
    assertThat(hinted.evidence()).isCloseTo(plain.evidence(), within(1e-9));
  }

  @Test
  void aUsTextInTheGenericShapeKeepsTheGenericShapesEvidence() {
    Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
    CharBand band = band("ABC1234", "ABC1234", seen);
    BandReader.Reading hinted = reader.read(band, "US", seen).getFirst();
    BandReader.Reading plain = reader.read(band, null, seen).getFirst();
    assertThat(plain.format().generic()).isTrue();
    assertThat(hinted.format().id()).isEqualTo("US-ABC1234");
    assertThat(hinted.score()).isCloseTo(plain.score() / BandReader.GENERIC_FACTOR * BandReader.HINT_FACTOR, within(1e-9));
    assertThat(hinted.evidence()).isCloseTo(plain.evidence(), within(1e-9));
    assertThat(BandReader.regionPrior("ABC1234")).isEqualTo(BandReader.GENERIC_FACTOR);
    assertThat(BandReader.regionPrior("BG123AB")).isEqualTo(1.0);
    assertThat(BandReader.regionPrior("7ABC123")).isEqualTo(BandReader.UNFORMATTED_FACTOR);
  }

  @Test
  void otherHintsAndNoHintNeverReadAUsFormat() {
    Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
    CharBand band = band("HB6L0Z", "HB6LDZ", seen);
    for (String hint : new String[] {null, "RS", "DE", "HR"}) {
      assertThat(reader.read(band, hint, seen)).as(String.valueOf(hint))
          .noneMatch(r -> r.format() != null && "US".equals(r.format().country()));
    }
  }
}
