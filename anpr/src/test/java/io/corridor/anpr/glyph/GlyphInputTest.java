package io.corridor.anpr.glyph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlyphInputTest {

  /** A w x h crop: background 200, a dark vertical bar in columns [x0, x1). */
  private static byte[] bar(int w, int h, int x0, int x1, int ink, int background) {
    byte[] g = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        g[y * w + x] = (byte) (x >= x0 && x < x1 ? ink : background);
      }
    }
    return g;
  }

  @Test
  void inkBecomesNegativeAndBackgroundPositive() {
    float[] in = GlyphInput.of(bar(10, 20, 3, 7, 30, 200), 10, 20, true);
    assertThat(in).hasSize(GlyphInput.HEIGHT * GlyphInput.WIDTH);
    int mid = GlyphInput.HEIGHT / 2 * GlyphInput.WIDTH + GlyphInput.WIDTH / 2;
    assertThat(in[mid]).isLessThan(-0.4f);
    assertThat(in[0]).isGreaterThan(0.4f); // padding is background
  }

  @Test
  void lightTextOnDarkGivesTheSameInputAsDarkOnLight() {
    float[] dark = GlyphInput.of(bar(10, 20, 3, 7, 30, 200), 10, 20, true);
    float[] light = GlyphInput.of(bar(10, 20, 3, 7, 200, 30), 10, 20, false);
    assertThat(light).containsExactly(dark, org.assertj.core.data.Offset.offset(1e-5f));
  }

  @Test
  void narrowCharactersStayNarrow() {
    // A 4x32 crop (an I) keeps its width: most columns of the input are padding.
    float[] in = GlyphInput.of(bar(4, 32, 0, 4, 0, 0), 4, 32, true);
    int inkColumns = 0;
    for (int x = 0; x < GlyphInput.WIDTH; x++) {
      if (in[GlyphInput.HEIGHT / 2 * GlyphInput.WIDTH + x] < 0) inkColumns++;
    }
    assertThat(inkColumns).isBetween(3, 5);
  }

  @Test
  void contrastIsStretched() {
    float[] faint = GlyphInput.of(bar(10, 20, 3, 7, 120, 160), 10, 20, true);
    float[] strong = GlyphInput.of(bar(10, 20, 3, 7, 0, 255), 10, 20, true);
    assertThat(faint).containsExactly(strong, org.assertj.core.data.Offset.offset(0.05f));
  }

  @Test
  void rejectsEmptyCrops() {
    assertThatThrownBy(() -> GlyphInput.of(new byte[0], 0, 5, true)).isInstanceOf(IllegalArgumentException.class);
  }
}
