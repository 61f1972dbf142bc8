package io.corridor.anpr.glyph.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.glyph.GlyphInput;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticGlyphsTest {

  @Test
  void theSameSeedGivesTheSameSamples() {
    SyntheticGlyphs a = new SyntheticGlyphs(), b = new SyntheticGlyphs();
    Random ra = new Random(11), rb = new Random(11);
    for (int i = 0; i < 50; i++) {
      SyntheticGlyphs.Sample x = a.next(ra), y = b.next(rb);
      assertThat(x.label()).isEqualTo(y.label());
      assertThat(x.input()).containsExactly(y.input());
    }
  }

  @Test
  void everyClassOccursAndInputsAreNormalised() {
    SyntheticGlyphs gen = new SyntheticGlyphs();
    Random r = new Random(12);
    int[] counts = new int[GlyphAlphabet.CLASSES];
    for (int i = 0; i < 3000; i++) {
      SyntheticGlyphs.Sample s = gen.next(r);
      counts[s.label()]++;
      assertThat(s.input()).hasSize(GlyphInput.HEIGHT * GlyphInput.WIDTH);
      for (float v : s.input()) {
        assertThat(v).isBetween(-0.5f, 0.5f);
      }
    }
    for (int k = 0; k < counts.length; k++) {
      assertThat(counts[k]).as("samples of class %s", GlyphAlphabet.character(k)).isGreaterThan(20);
    }
  }

  @Test
  void theStrokeFontHasEveryPlateCharacter() {
    for (char c : GlyphAlphabet.CHARACTERS.toCharArray()) {
      for (int variant = 0; variant < PlateStrokeFont.VARIANTS; variant++) {
        var box = PlateStrokeFont.glyph(c, variant).getBounds2D();
        assertThat(box.getHeight()).as("height of %s", c).isGreaterThan(PlateStrokeFont.HEIGHT * 0.6);
        assertThat(box.getMinX()).isGreaterThan(-1);
        assertThat(box.getMaxX()).isLessThan(PlateStrokeFont.WIDTH + 1);
      }
    }
  }
}
