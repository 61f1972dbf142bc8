package io.corridor.anpr.builtin;

import java.util.List;

/**
 * The sides of a plate's frame just beyond a row's ends: a column dark all along the end piece's
 * height and on beyond it, above or below, where the end piece's own centre is light there, as a
 * frame's side is over the plate's height and no character is (the same test rejects a frame's top
 * or bottom edge close to the characters, which is dark above or below every one of them). What
 * reaches over such a side is not the plate: the re-cut or a probe beyond the end cut the side as
 * one more piece, the strips read it as one more character, and the network calls it {@code I},
 * {@code J} or {@code 1} ({@code I6PGM335}, {@code JDK2Z5S}). docs/benchmarks.md, "A frame's side
 * beside a row's end".
 *
 * @param left the image column of the side found left of the row (a reading must start right of
 *     it), or {@link Double#NEGATIVE_INFINITY}
 * @param right the column of the side right of the row (a reading must end at or left of it), or
 *     {@link Double#POSITIVE_INFINITY}
 * @param closedLeft whether the left side leaves no room for a character before the row's first piece
 * @param closedRight whether the right side leaves none after its last
 */
record FrameEdges(double left, double right, boolean closedLeft, boolean closedRight) {

  /** No side found at either end. */
  static final FrameEdges NONE = new FrameEdges(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, false);
  /** How far the dark column must go on beyond the end piece, above or below it, in the row's heights. */
  static final double BEYOND = 0.3;
  /** Share of the end piece's rows at which the column must be dark: a side is seldom one clean line. */
  static final double DARK_SHARE = 0.9;
  /** Share of the rows above the end piece, or of those below it, at which it must be dark too. */
  static final double BEYOND_SHARE = 0.8;
  /** How far inwards of a side, px, the plate must be light where the side goes on beyond the row. */
  static final int INNER = 3;

  /**
   * The sides beside {@code band}'s ends: the first column found going out from each end piece's
   * box, as far as the wider strip reaches ({@link StripEnds#row}); dark text only.
   *
   * @param gray the image the row was found in, row-major
   */
  static FrameEdges of(CharBand band, byte[] gray, int width, int height) {
    List<CharBand.Glyph> glyphs = band.glyphs();
    RowEndProbe.Shape shape = glyphs.size() < 2 ? null : RowEndProbe.Shape.of(band);
    if (!band.darkText() || shape == null) {
      return NONE;
    }
    double reach = BandStrip.MARGIN * band.meanHeight() + shape.pitch();
    CharBand.Glyph first = glyphs.getFirst(), last = glyphs.getLast();
    double left = Double.NEGATIVE_INFINITY, right = Double.POSITIVE_INFINITY;
    int stop = (int) Math.floor(first.x() - reach);
    // From the first column whose three (darkRows) all lie outside the end piece's box.
    for (int x = first.x() - 2; x >= Math.max(1, stop); x--) {
      if (isSide(x, 1, first, shape, gray, width, height)) {
        left = x;
        break;
      }
    }
    stop = (int) Math.ceil(last.x() + last.w() + reach);
    for (int x = last.x() + last.w() + 1; x <= Math.min(width - 2, stop); x++) {
      if (isSide(x, -1, last, shape, gray, width, height)) {
        right = x;
        break;
      }
    }
    // Room for one more character: the row's own median width between the end piece and the side.
    return new FrameEdges(left, right, first.x() - left < shape.w(), right - (last.x() + last.w()) < shape.w());
  }

  /** Whether no side was found. */
  boolean none() {
    return left == Double.NEGATIVE_INFINITY && right == Double.POSITIVE_INFINITY;
  }

  /**
   * Whether {@code longer}, {@code text} with one character more at an end, has it where a side
   * leaves room for one ({@link StripEnds#atAnEnd} otherwise).
   */
  boolean roomFor(String text, String longer) {
    return longer.length() == text.length() + 1
        && (longer.startsWith(text) && !closedRight || longer.endsWith(text) && !closedLeft);
  }

  /**
   * Whether {@code longer} is {@code text} with one character more at an end a side closes: a
   * character there would be the side ({@link StripEdits}, whose strip reaches half a character
   * past the row's ends, reads the side as one).
   */
  boolean closes(String text, String longer) {
    return longer.length() == text.length() + 1 && !roomFor(text, longer)
        && (longer.startsWith(text) || longer.endsWith(text));
  }

  /** Whether a reading over these pieces reaches over a side. */
  boolean reachedBy(BandReader.Span span) {
    return span != null && (span.left() <= left || span.right() > right);
  }

  /**
   * Whether column {@code x} is a side: dark in {@link #DARK_SHARE} of the end piece's rows, and in
   * {@link #BEYOND_SHARE} of the {@link #BEYOND} rows above or below it where both the end piece's
   * centre and the column {@value #INNER} px inwards ({@code inwards}: +1 right, -1 left) are mostly
   * light: a thin upright stroke, not a frame's top or bottom edge close to the characters, nor a
   * character glued to one.
   */
  private static boolean isSide(int x, int inwards, CharBand.Glyph end, RowEndProbe.Shape shape, byte[] gray, int width,
      int height) {
    int beyond = (int) Math.ceil(BEYOND * shape.h());
    int top = end.y(), bottom = end.y() + end.h();
    if (top - beyond < 0 || bottom + beyond > height) {
      return false;
    }
    if (darkRows(x, top, bottom, shape.threshold(), gray, width) < DARK_SHARE * end.h()) {
      return false;
    }
    int[] light = {(int) Math.round(end.cx()), Math.max(1, Math.min(width - 2, x + INNER * inwards))};
    return goesOn(x, light, top - beyond, top, shape.threshold(), gray, width)
        || goesOn(x, light, bottom, bottom + beyond, shape.threshold(), gray, width);
  }

  /** Whether rows [y0, y1) are dark at column {@code x} ({@link #BEYOND_SHARE}) and mostly light at each of {@code light}. */
  private static boolean goesOn(int x, int[] light, int y0, int y1, double threshold, byte[] gray, int width) {
    int rows = y1 - y0;
    if (darkRows(x, y0, y1, threshold, gray, width) < BEYOND_SHARE * rows) {
      return false;
    }
    for (int c : light) {
      if (darkRows(c, y0, y1, threshold, gray, width) >= 0.5 * rows) {
        return false;
      }
    }
    return true;
  }

  /** Rows in [y0, y1) dark at column {@code x}: the darkest of three columns, as a side leans with the camera's view. */
  private static int darkRows(int x, int y0, int y1, double threshold, byte[] gray, int width) {
    int dark = 0;
    for (int y = y0; y < y1; y++) {
      int v = 255;
      for (int xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
        v = Math.min(v, gray[y * width + xx] & 0xff);
      }
      dark += v < threshold ? 1 : 0;
    }
    return dark;
  }
}
