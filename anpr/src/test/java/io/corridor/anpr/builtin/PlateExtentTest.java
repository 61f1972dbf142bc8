package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.anpr.Box;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlateExtentTest {

  private static final int W = 200, H = 120;

  /**
   * A light plate (x 40..160, y 30..90) on a dark car, with five dark 10 × 20 px characters at
   * y 50..70: the plate reaches 20 px (one character height) above and below the characters.
   */
  private static byte[] image() {
    byte[] gray = new byte[W * H];
    java.util.Arrays.fill(gray, (byte) 30);
    for (int y = 30; y < 90; y++) {
      for (int x = 40; x < 160; x++) {
        gray[y * W + x] = (byte) 220;
      }
    }
    for (int c = 0; c < 5; c++) {
      for (int y = 50; y < 70; y++) {
        for (int x = 60 + 18 * c; x < 70 + 18 * c; x++) {
          gray[y * W + x] = (byte) 40;
        }
      }
    }
    return gray;
  }

  /** The band of those characters; each glyph's mask marks its middle 6 px as ink. */
  private static CharBand band(byte[] gray) {
    return band(gray, 5);
  }

  /** The band of the first {@code count} of those characters (a row that lost the others). */
  private static CharBand band(byte[] gray, int count) {
    List<CharBand.Glyph> glyphs = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      int x0 = 58 + 18 * c, w = 14, h = 20;
      boolean[] mask = new boolean[w * h];
      byte[] crop = new byte[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          crop[y * w + x] = gray[(50 + y) * W + x0 + x];
          mask[y * w + x] = (crop[y * w + x] & 0xff) < 128;
        }
      }
      glyphs.add(new CharBand.Glyph(x0, 50, w, h, mask, crop));
    }
    return new CharBand(glyphs, 1.0, true);
  }

  @Test
  void theMarginsEndAtThePlatesEdge() {
    byte[] gray = image();
    PlateExtent.Margins m = PlateExtent.margins(band(gray), gray, W, H);
    // 20 px of plate above and below the 20 px characters: up to the bound of 0.8 heights (16 px).
    assertThat(m.up()).isEqualTo(PlateExtent.MAX_VERTICAL);
    assertThat(m.down()).isEqualTo(PlateExtent.MAX_VERTICAL);
    // 18 px of plate left of the first box (x 40..58), 16 px right of the last (144..160).
    assertThat(m.left()).isCloseTo(17.0 / 20, within(0.06));
    assertThat(m.right()).isCloseTo(15.0 / 20, within(0.06));
    assertThat(m.bounded()).isEqualTo(2);
  }

  @Test
  void aTightPlateKeepsTheMinimumMargin() {
    byte[] gray = image();
    // Darken the plate outside the character rows: nothing of it around the characters.
    for (int y = 30; y < 90; y++) {
      for (int x = 40; x < 160; x++) {
        if (y < 50 || y >= 70) {
          gray[y * W + x] = (byte) 30;
        }
      }
    }
    PlateExtent.Margins m = PlateExtent.margins(band(gray), gray, W, H);
    assertThat(m.up()).isEqualTo(PlateExtent.MIN_VERTICAL);
    assertThat(m.down()).isEqualTo(PlateExtent.MIN_VERTICAL);
    assertThat(m.bounded()).isEqualTo(4);
  }

  @Test
  void theCornersCoverThePlate() {
    byte[] gray = image();
    Box box = Box.around(PlateExtent.corners(band(gray), gray, W, H, 1.0));
    assertThat(box.iou(new Box(40, 30, 120, 60))).isGreaterThan(0.8);
    Box half = Box.around(PlateExtent.corners(band(gray), gray, W, H, 0.5));
    assertThat(half.x()).as("corners in the original image: scaled back").isBetween(2 * 40 - 6, 2 * 40 + 6);
  }

  /** Left edge of the first character's box and right edge of the last one's, of {@code count}. */
  private static BandReader.Span span(int count) {
    return new BandReader.Span(58, 58 + 18 * (count - 1) + 14);
  }

  @Test
  void aReadingOfCharactersBeyondTheRowHasThePlateAroundThem() {
    byte[] gray = image();
    // The row as found holds three of the five characters; its reading (grown or joined) all five.
    CharBand row = band(gray, 3);
    PlateExtent.Margins m = PlateExtent.margins(row, gray, W, H);
    Box plate = new Box(40, 30, 120, 60);
    Box rowOnly = Box.around(PlateExtent.corners(row, m, 1.0));
    Box read = Box.around(PlateExtent.corners(row, m, span(5), gray, W, H, 1.0));
    assertThat(rowOnly.iou(plate)).as("the row's box stops at its own last character").isLessThan(0.75);
    assertThat(read.iou(plate)).isGreaterThan(0.8);
    // The right margin is walked again from the reading's last character: 16 px of plate to its edge.
    assertThat(read.x() + read.width()).isBetween(156, 162);
  }

  @Test
  void aReadingThatLeavesAnEndPieceOutHasThePlateEndBeforeIt() {
    byte[] gray = image();
    // The row holds five pieces, its reading rests on the first four (the fifth a frame's mark).
    CharBand row = band(gray);
    PlateExtent.Margins m = PlateExtent.margins(row, gray, W, H);
    Box read = Box.around(PlateExtent.corners(row, m, span(4), gray, W, H, 1.0));
    Box rowOnly = Box.around(PlateExtent.corners(row, m, 1.0));
    // The fifth piece's ink starts at x 132: the walk from the fourth's edge (126) stops there.
    assertThat(read.x() + read.width()).isLessThanOrEqualTo(132);
    assertThat(rowOnly.x() + rowOnly.width()).isGreaterThan(150);
    assertThat(read.x()).as("the left end did not move: the row's own margin").isEqualTo(rowOnly.x());
  }

  @Test
  void aReadingOfNoKnownPlaceHasTheRowsCorners() {
    byte[] gray = image();
    CharBand row = band(gray);
    PlateExtent.Margins m = PlateExtent.margins(row, gray, W, H);
    assertThat(PlateExtent.corners(row, m, null, gray, W, H, 1.0)).isEqualTo(PlateExtent.corners(row, m, 1.0));
    assertThat(PlateExtent.corners(row, m, new BandReader.Span(Double.NaN, Double.NaN), gray, W, H, 1.0))
        .isEqualTo(PlateExtent.corners(row, m, 1.0));
  }
}
