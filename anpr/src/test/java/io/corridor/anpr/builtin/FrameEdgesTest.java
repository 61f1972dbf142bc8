package io.corridor.anpr.builtin;

import static io.corridor.anpr.builtin.SyntheticPlate.fill;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameEdgesTest {

  private static final int W = SyntheticPlate.W, H = SyntheticPlate.H;
  private static final int TOP = SyntheticPlate.TOP, CH = SyntheticPlate.CH, CW = SyntheticPlate.CW, PITCH = 14,
      X0 = SyntheticPlate.X0;

  /** The row of slots {@code from}..{@code to}. */
  private static CharBand band(byte[] gray, int from, int to) {
    return SyntheticPlate.band(gray, PITCH, from, to);
  }

  /** The first piece of the row of slots 2..5 starts at this column. */
  private static final int FIRST_X = X0 + 2 * PITCH - 1;

  @Test
  void findsTheSideOfAFrameJustBeforeTheFirstCharacter() {
    byte[] gray = SyntheticPlate.withSlots(PITCH, 2, 3, 4, 5);
    // The frame's side: 2 px wide, from well above the characters to well below them.
    fill(gray, FIRST_X - 4, TOP - 15, 2, CH + 30, 40);
    FrameEdges sides = FrameEdges.of(band(gray, 2, 5), gray, W, H);
    assertThat(sides.none()).isFalse();
    // Within a pixel: the test takes the darkest of three columns, as a side may lean.
    assertThat(sides.left()).isBetween(FIRST_X - 4.0, FIRST_X - 2.0);
    assertThat(sides.closedLeft()).isTrue();
    assertThat(sides.right()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(sides.closedRight()).isFalse();
  }

  @Test
  void aSideThatGoesOnOnlyAboveTheRowIsOneToo() {
    // A dealer frame's lower half is often light: the side is dark beside and above the characters only.
    byte[] gray = SyntheticPlate.withSlots(PITCH, 2, 3, 4, 5);
    fill(gray, FIRST_X - 4, TOP - 15, 2, CH + 15, 40);
    assertThat(FrameEdges.of(band(gray, 2, 5), gray, W, H).closedLeft()).isTrue();
  }

  @Test
  void aRowWithNothingBesideItHasNoSides() {
    byte[] gray = SyntheticPlate.withSlots(PITCH, 2, 3, 4, 5);
    assertThat(FrameEdges.of(band(gray, 2, 5), gray, W, H).none()).isTrue();
  }

  @Test
  void aCharacterTheRowLeftOutIsNoSideEvenOnAFrameEdgeCloseBelowTheRow() {
    // Slot 1 is a character the row finder did not link; the frame's bottom edge runs close
    // under every character, so slot 1's column is dark along and below it, as a side's would be,
    // but so is the first piece's own column: a horizontal edge, not a side.
    byte[] gray = SyntheticPlate.withSlots(PITCH, 1, 2, 3, 4, 5);
    fill(gray, 0, TOP + CH, W, 8, 40);
    assertThat(FrameEdges.of(band(gray, 2, 5), gray, W, H).none()).isTrue();
  }

  @Test
  void aSideFartherOutLeavesRoomForACharacter() {
    byte[] gray = SyntheticPlate.withSlots(PITCH, 2, 3, 4, 5);
    fill(gray, FIRST_X - 14, TOP - 15, 2, CH + 30, 40);
    FrameEdges sides = FrameEdges.of(band(gray, 2, 5), gray, W, H);
    assertThat(sides.left()).isBetween(FIRST_X - 14.0, FIRST_X - 12.0);
    assertThat(sides.closedLeft()).isFalse();
    assertThat(sides.roomFor("ABCD", "XABCD")).isTrue();
    assertThat(sides.closes("ABCD", "XABCD")).isFalse();
  }

  @Test
  void lightTextOnADarkPlateIsNotJudged() {
    byte[] gray = SyntheticPlate.withSlots(PITCH, 2, 3, 4, 5);
    fill(gray, FIRST_X - 4, TOP - 15, 2, CH + 30, 40);
    CharBand dark = band(gray, 2, 5);
    CharBand light = new CharBand(dark.glyphs(), dark.score(), false);
    assertThat(FrameEdges.of(light, gray, W, H).none()).isTrue();
  }

  @Test
  void aClosedEndTakesNoCharacterAndNoReadingOverItsSide() {
    FrameEdges sides = new FrameEdges(100, 200, true, false);
    assertThat(sides.closes("ABCD", "JABCD")).isTrue();
    assertThat(sides.roomFor("ABCD", "JABCD")).isFalse();
    // The open end still takes one.
    assertThat(sides.closes("ABCD", "ABCDE")).isFalse();
    assertThat(sides.roomFor("ABCD", "ABCDE")).isTrue();
    // Not an end character at all: neither rule applies.
    assertThat(sides.closes("ABCD", "ABXCD")).isFalse();
    assertThat(sides.reachedBy(new BandReader.Span(99, 150))).isTrue();
    assertThat(sides.reachedBy(new BandReader.Span(101, 200))).isFalse();
    assertThat(sides.reachedBy(new BandReader.Span(101, 201))).isTrue();
    assertThat(sides.reachedBy(null)).isFalse();
    assertThat(FrameEdges.NONE.closes("ABCD", "JABCD")).isFalse();
  }
}
