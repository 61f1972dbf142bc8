package io.corridor.anpr.builtin;

import static io.corridor.anpr.builtin.SyntheticPlate.fill;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.glyph.GlyphAlphabet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RowRepairTest {

  private static final int W = SyntheticPlate.W, H = SyntheticPlate.H;
  /** Characters: 8 × 20 px dark boxes at y 50..70, one every 12 px from x 40. */
  private static final int TOP = SyntheticPlate.TOP, CH = SyntheticPlate.CH, CW = SyntheticPlate.CW, PITCH = 12,
      X0 = SyntheticPlate.X0;

  private static byte[] plate() {
    return SyntheticPlate.blank();
  }

  /** A light plate with dark characters at the given slots (slot i at x = 40 + 12 i). */
  private static byte[] image(int... slots) {
    return SyntheticPlate.withSlots(PITCH, slots);
  }

  /** A member of the row as a component's box would give it: columns {@code x0 .. x0 + w - 1}. */
  private static CharBand.Glyph member(byte[] gray, int x0, int w) {
    return SyntheticPlate.member(gray, x0, w);
  }

  /** The member for a whole character: a pixel of plate either side of its ink, as a component's box often has. */
  private static CharBand.Glyph slot(byte[] gray, int slot) {
    return SyntheticPlate.slot(gray, PITCH, slot);
  }

  private static CharBand row(CharBand.Glyph... glyphs) {
    return new CharBand(List.of(glyphs), 1.0, true);
  }

  private static float[] answer(char c, float p) {
    float[] out = new float[GlyphAlphabet.REJECT + 1];
    out[c == '#' ? GlyphAlphabet.REJECT : GlyphAlphabet.CHARACTERS.indexOf(c)] = p;
    if (c != '#' && p < 1) {
      out[GlyphAlphabet.CHARACTERS.indexOf('1')] = 1 - p;
    }
    return out;
  }

  /**
   * A network that knows a character by its size: sure of one about a character wide and mostly
   * ink; not sure of a thin stroke (an I, or half of a broken character); "not a character" for a
   * blob two characters wide or a piece with little ink.
   */
  private static final Function<CharBand.Glyph, float[]> BY_SIZE = g -> {
    long ink = 0;
    for (boolean b : g.mask()) ink += b ? 1 : 0;
    if (g.w() > 1.5 * CW || ink * 5 < g.mask().length * 2) {
      return answer('#', 1f);
    }
    return g.w() < 0.6 * CW ? answer('I', 0.5f) : answer('A', 1f);
  };

  @Test
  void twoCharactersGluedIntoOneBlobAreCutAtTheRowsPitch() {
    byte[] gray = image(0, 1, 2, 3, 4, 5);
    fill(gray, X0 + 2 * PITCH + CW, TOP + 8, PITCH - CW, 4, 40); // the blur bridging slots 2 and 3
    CharBand found = row(slot(gray, 0), slot(gray, 1), member(gray, X0 + 2 * PITCH, PITCH + CW), slot(gray, 4), slot(gray, 5));
    CharBand mended = RowRepair.repair(found, gray, W, H, BY_SIZE);
    assertThat(mended).isNotNull();
    assertThat(mended.glyphs()).hasSize(6);
    List<CharBand.Glyph> pieces = mended.glyphs().subList(2, 4);
    // Cut in the gap between the two characters, where the blob has least ink.
    assertThat(pieces.get(0).x()).isEqualTo(X0 + 2 * PITCH);
    assertThat(pieces.get(1).x()).isBetween(X0 + 2 * PITCH + CW, X0 + 3 * PITCH);
    assertThat(pieces.get(1).x() + pieces.get(1).w()).isEqualTo(X0 + 3 * PITCH + CW);
  }

  @Test
  void aWideMemberTheNetworkIsSureOfIsNotCut() {
    byte[] gray = image(0, 1, 3, 4);
    fill(gray, X0 + 2 * PITCH - 2, TOP, CW + 8, CH, 40); // one wide character (a W)
    CharBand found = row(slot(gray, 0), slot(gray, 1), member(gray, X0 + 2 * PITCH - 2, CW + 8), slot(gray, 3), slot(gray, 4));
    Function<CharBand.Glyph, float[]> sureOfW = g -> g.w() == CW + 8 ? answer('W', 1f) : BY_SIZE.apply(g);
    assertThat(RowRepair.repair(found, gray, W, H, sureOfW)).isNull();
  }

  @Test
  void aCharacterBrokenIntoTwoStrokesIsJoined() {
    byte[] gray = image(0, 1, 3, 4);
    // Slot 2 a thin-stroked 0 whose top and bottom the threshold lost: two strokes of 3 px.
    fill(gray, X0 + 2 * PITCH, TOP, 3, CH, 40);
    fill(gray, X0 + 2 * PITCH + CW - 3, TOP, 3, CH, 40);
    CharBand found = row(slot(gray, 0), slot(gray, 1), member(gray, X0 + 2 * PITCH, 3), member(gray, X0 + 2 * PITCH + CW - 3, 3),
        slot(gray, 3), slot(gray, 4));
    Function<CharBand.Glyph, float[]> zero = g -> g.x() == X0 + 2 * PITCH && g.w() == CW ? answer('0', 1f) : BY_SIZE.apply(g);
    CharBand mended = RowRepair.repair(found, gray, W, H, zero);
    assertThat(mended).isNotNull();
    assertThat(mended.glyphs()).hasSize(5);
    CharBand.Glyph joined = mended.glyphs().get(2);
    assertThat(joined.x()).isEqualTo(X0 + 2 * PITCH);
    assertThat(joined.w()).isEqualTo(CW);
  }

  @Test
  void twoSureNarrowCharactersAreNotJoined() {
    byte[] gray = image(0, 3, 4);
    fill(gray, X0 + PITCH, TOP, 3, CH, 40);
    fill(gray, X0 + PITCH + 5, TOP, 3, CH, 40);
    CharBand found = row(slot(gray, 0), member(gray, X0 + PITCH, 3), member(gray, X0 + PITCH + 5, 3), slot(gray, 3), slot(gray, 4));
    Function<CharBand.Glyph, float[]> sureOfOnes = g -> g.w() == 3 ? answer('1', 1f) : BY_SIZE.apply(g);
    CharBand mended = RowRepair.repair(found, gray, W, H, sureOfOnes);
    assertThat(mended == null ? List.of() : mended.glyphs()).noneMatch(g -> g.x() == X0 + PITCH && g.w() == CW);
  }

  @Test
  void aCharacterMissingFromAGapInsideTheRowIsFound() {
    byte[] gray = image(0, 1, 2, 3, 4, 5);
    CharBand found = row(slot(gray, 0), slot(gray, 1), slot(gray, 2), slot(gray, 4), slot(gray, 5));
    CharBand mended = RowRepair.repair(found, gray, W, H, BY_SIZE);
    assertThat(mended).isNotNull();
    assertThat(mended.glyphs()).extracting(CharBand.Glyph::x)
        .containsExactly(X0 - 1, X0 + PITCH - 1, X0 + 2 * PITCH - 1, X0 + 3 * PITCH, X0 + 4 * PITCH - 1, X0 + 5 * PITCH - 1);
    assertThat(mended.glyphs().get(3).w()).isEqualTo(CW);
    assertThat(mended.glyphs().get(3).h()).isEqualTo(CH);
  }

  @Test
  void everyGapOfTheRowHoldingALostCharacterIsStillSearched() {
    // Slots 1 and 3 lost: the row's median gap is a character's pitch itself.
    byte[] gray = image(0, 1, 2, 3, 4);
    CharBand found = row(slot(gray, 0), slot(gray, 2), slot(gray, 4));
    CharBand mended = RowRepair.repair(found, gray, W, H, BY_SIZE);
    assertThat(mended).isNotNull();
    assertThat(mended.glyphs()).extracting(CharBand.Glyph::x)
        .containsExactly(X0 - 1, X0 + PITCH, X0 + 2 * PITCH - 1, X0 + 3 * PITCH, X0 + 4 * PITCH - 1);
  }

  @Test
  void aSeparatorInAGapIsNoCharacter() {
    byte[] gray = image(0, 1, 2, 4, 5, 6);
    fill(gray, X0 + 3 * PITCH, TOP + 8, 6, 4, 40); // a dash between the two groups
    CharBand found = row(slot(gray, 0), slot(gray, 1), slot(gray, 2), slot(gray, 4), slot(gray, 5), slot(gray, 6));
    assertThat(RowRepair.repair(found, gray, W, H, BY_SIZE)).isNull();
  }

  @Test
  void aRowCutRightIsLeftAlone() {
    byte[] gray = image(0, 1, 2, 3, 4, 5);
    CharBand found = row(slot(gray, 0), slot(gray, 1), slot(gray, 2), slot(gray, 3), slot(gray, 4), slot(gray, 5));
    assertThat(RowRepair.repair(found, gray, W, H, BY_SIZE)).isNull();
  }
}
