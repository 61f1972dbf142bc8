package io.corridor.anpr.builtin;

import static io.corridor.anpr.builtin.SyntheticPlate.fill;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.glyph.GlyphAlphabet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RowEndProbeTest {

  private static final int W = SyntheticPlate.W, H = SyntheticPlate.H;
  /** Characters: 8 × 20 px dark boxes at y 50..70, one every 14 px from x 40. */
  private static final int TOP = SyntheticPlate.TOP, CH = SyntheticPlate.CH, CW = SyntheticPlate.CW, PITCH = 14,
      X0 = SyntheticPlate.X0;

  /** A light plate with dark characters at the given slots (slot i at x = 40 + 14 i). */
  private static byte[] image(int... slots) {
    return SyntheticPlate.withSlots(PITCH, slots);
  }

  /** The row the finder linked: slots {@code from} to {@code to} inclusive. */
  private static CharBand band(byte[] gray, int from, int to) {
    return SyntheticPlate.band(gray, PITCH, from, to);
  }

  /** A network sure of a character wherever the crop is mostly ink, sure of "no character" elsewhere. */
  private static final Function<CharBand.Glyph, float[]> SURE_OF_INK = g -> {
    long ink = 0;
    for (boolean b : g.mask()) ink += b ? 1 : 0;
    float[] p = new float[GlyphAlphabet.REJECT + 1];
    p[ink * 2 > g.mask().length ? GlyphAlphabet.CHARACTERS.indexOf('A') : GlyphAlphabet.REJECT] = 1f;
    return p;
  };

  @Test
  void findsTheCharactersTheRowFinderLeftOutAtBothEnds() {
    byte[] gray = image(0, 1, 2, 3, 4, 5, 6);
    CharBand found = band(gray, 2, 5);
    CharBand longer = RowEndProbe.extend(found, gray, W, H, SURE_OF_INK);
    assertThat(longer).isNotNull();
    assertThat(RowEndProbe.addedLeft(found, longer)).isEqualTo(2);
    assertThat(RowEndProbe.addedRight(found, longer)).isEqualTo(1);
    // Two slots on the left (the most one end may grow), one on the right.
    assertThat(longer.glyphs()).extracting(CharBand.Glyph::x)
        .containsExactly(X0, X0 + PITCH, X0 + 2 * PITCH - 1, X0 + 3 * PITCH - 1, X0 + 4 * PITCH - 1, X0 + 5 * PITCH - 1, X0 + 6 * PITCH);
    CharBand.Glyph added = longer.glyphs().getLast();
    assertThat(added.w()).isEqualTo(CW);
    assertThat(added.h()).isEqualTo(CH);
    assertThat(added.y()).isEqualTo(TOP);
  }

  @Test
  void aCharacterGluedToTheFramesBarsIsCutAtTheRowsHeight() {
    byte[] gray = image(0, 1, 2, 3, 4);
    // The frame's bars above and below run into the last character: one blob, far taller than a
    // character, which the row finder does not link.
    fill(gray, X0 + 3 * PITCH, TOP - 6, 100, 4, 40);
    fill(gray, X0 + 3 * PITCH, TOP + CH + 2, 100, 4, 40);
    fill(gray, X0 + 4 * PITCH, TOP - 6, CW, CH + 12, 40);
    CharBand longer = RowEndProbe.extend(band(gray, 0, 3), gray, W, H, SURE_OF_INK);
    assertThat(longer).isNotNull();
    assertThat(longer.glyphs()).hasSize(5);
    CharBand.Glyph added = longer.glyphs().getLast();
    assertThat(added.x()).isEqualTo(X0 + 4 * PITCH);
    assertThat(added.h()).isEqualTo(CH);
  }

  @Test
  void nothingBeyondTheEndsAddsNothing() {
    byte[] gray = image(0, 1, 2, 3, 4);
    assertThat(RowEndProbe.extend(band(gray, 0, 4), gray, W, H, SURE_OF_INK)).isNull();
  }

  @Test
  void inkFartherThanAGapIsNotTheRowsNextCharacter() {
    byte[] gray = image(0, 1, 2, 3, 6);
    assertThat(RowEndProbe.extend(band(gray, 0, 3), gray, W, H, SURE_OF_INK)).isNull();
  }

  @Test
  void aBarAlongTheRowIsNoCharacter() {
    byte[] gray = image(0, 1, 2, 3);
    // A dark bar at the characters' height running on from the row's end (a grille, a frame edge).
    fill(gray, X0 + 3 * PITCH + CW + 4, TOP + 5, 60, 10, 40);
    assertThat(RowEndProbe.extend(band(gray, 0, 3), gray, W, H, SURE_OF_INK)).isNull();
  }

  @Test
  void aPieceTheNetworkIsNotSureOfIsNotAdded() {
    byte[] gray = image(0, 1, 2, 3, 4);
    Function<CharBand.Glyph, float[]> unsure = g -> {
      float[] p = new float[GlyphAlphabet.REJECT + 1];
      p[GlyphAlphabet.CHARACTERS.indexOf('B')] = 0.6f;
      p[GlyphAlphabet.CHARACTERS.indexOf('8')] = 0.4f;
      return p;
    };
    assertThat(RowEndProbe.extend(band(gray, 0, 3), gray, W, H, unsure)).isNull();
    float[] sure = new float[GlyphAlphabet.REJECT + 1];
    sure[GlyphAlphabet.CHARACTERS.indexOf('B')] = 0.9f;
    sure[GlyphAlphabet.REJECT] = 0.1f;
    assertThat(RowEndProbe.sure(sure)).isTrue();
    sure[GlyphAlphabet.REJECT] = 0.3f;
    assertThat(RowEndProbe.sure(sure)).isFalse();
  }

  @Test
  void aDarkRegionBeyondTheEndIsNoCharacterHoweverFarItRuns() {
    byte[] gray = image(0, 1, 2, 3);
    // The car's dark body from two gaps beyond the row to the image's right edge: the window the
    // probe could reach from there is no wider than a character, the region is.
    int x0 = X0 + 3 * PITCH + CW + 10;
    fill(gray, x0, TOP - 10, W - x0, CH + 20, 40);
    assertThat(RowEndProbe.extend(band(gray, 0, 3), gray, W, H, SURE_OF_INK)).isNull();
  }
}
