package io.corridor.anpr.plate;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.glyph.GlyphAlphabet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatRespellerTest {

  private static final String ALPHABET = GlyphAlphabet.CHARACTERS;
  private final FormatRespeller respeller = new FormatRespeller(PlateFormats.standard().lookAlikeChoosers(), ALPHABET);

  /** One sure glyph per character of {@code text}; '*' is O and 0 pooled (as the engine decodes them). */
  private static List<float[]> glyphs(String text) {
    List<float[]> out = new ArrayList<>();
    for (char c : text.toCharArray()) {
      float[] p = new float[ALPHABET.length()];
      if (c == '*') {
        p[ALPHABET.indexOf('O')] = p[ALPHABET.indexOf('0')] = 0.9f;
      } else {
        p[ALPHABET.indexOf(c)] = 0.9f;
      }
      out.add(p);
    }
    return out;
  }

  @Test
  void aNationalFormatPutsTheDigitWhereItPrintsOne() {
    // German "F WE 50": the generic EU shape took the last glyph as a letter O.
    var german = respeller.part(glyphs("FWE5*")).respell("FWE5O").orElseThrow();
    assertThat(german.text()).isEqualTo("FWE50");
    assertThat(german.format().id()).isEqualTo("DE");
    // Norwegian "BS 47040": two letters, five digits.
    assertThat(respeller.part(glyphs("BS4704*")).respell("BS4704O").orElseThrow().text()).isEqualTo("BS47040");
    // British "OY09 FEU": the area letters stay letters, the age digits digits.
    assertThat(respeller.part(glyphs("*Y*9FEU")).respell("OYO9FEU").orElseThrow().text()).isEqualTo("OY09FEU");
  }

  @Test
  void aReadingThatFitsNoSuchFormatStaysAsRead() {
    assertThat(respeller.part(glyphs("RK*99AN")).respell("RK099AN")).as("no shape-only format is 2+3+2").isEmpty();
    assertThat(respeller.part(glyphs("FWE5*")).respell("FWE5K")).as("not a look-alike").isEmpty();
    assertThat(respeller.part(glyphs("BSB*399")).respell("BSB0399")).as("already German as read").isEmpty();
  }

  @Test
  void anotherLookAlikeSwapsOnlyWhenTheNetworkFoundItNearlyAsLikely() {
    List<float[]> unsure = glyphs("FWE5S");
    unsure.get(4)[ALPHABET.indexOf('5')] = 0.5f; // S 0.9, 5 0.5: more than half as likely
    assertThat(respeller.part(unsure).respell("FWE5S").orElseThrow().text()).isEqualTo("FWE55");
    List<float[]> sure = glyphs("FWE5S");
    sure.get(4)[ALPHABET.indexOf('5')] = 0.2f; // a clear S stays an S
    assertThat(respeller.part(sure).respell("FWE5S")).isEmpty();
  }
}
