package io.corridor.anpr.builtin;

import java.util.List;

/**
 * A row of character-like blobs that may be a plate's text, in the coordinates of the image it
 * was found in.
 *
 * @param glyphs the blobs, left to right, each a binary mask (true = ink)
 * @param score how plate-like the row is; higher is better
 * @param darkText whether the characters are darker than the plate
 */
record CharBand(List<Glyph> glyphs, double score, boolean darkText) {

  /**
   * One blob: its bounding box, its mask and the grey pixels of its box ({@code w*h}, row-major,
   * mask true = ink).
   */
  record Glyph(int x, int y, int w, int h, boolean[] mask, byte[] gray) {
    double cx() {
      return x + w / 2.0;
    }

    double cy() {
      return y + h / 2.0;
    }
  }

  int left() {
    return glyphs.getFirst().x();
  }

  int right() {
    return glyphs.getLast().x() + glyphs.getLast().w();
  }

  double meanHeight() {
    return glyphs.stream().mapToInt(Glyph::h).average().orElse(0);
  }

  /** Slope of the line through the glyph centres (least squares), dy/dx. */
  double slope() {
    int n = glyphs.size();
    double mx = glyphs.stream().mapToDouble(Glyph::cx).average().orElse(0);
    double my = glyphs.stream().mapToDouble(Glyph::cy).average().orElse(0);
    double sxy = 0, sxx = 0;
    for (Glyph g : glyphs) {
      sxy += (g.cx() - mx) * (g.cy() - my);
      sxx += (g.cx() - mx) * (g.cx() - mx);
    }
    return n < 2 || sxx == 0 ? 0 : sxy / sxx;
  }

  /** Centre line's y at x. */
  double centreY(double x) {
    return centreLine().y(x);
  }

  /** The centre line, for many points of it: {@link #centreY} works out the means and the slope on each call. */
  CentreLine centreLine() {
    double mx = glyphs.stream().mapToDouble(Glyph::cx).average().orElse(0);
    double my = glyphs.stream().mapToDouble(Glyph::cy).average().orElse(0);
    return new CentreLine(mx, my, slope());
  }

  /** The line through the glyph centres: through ({@code mx}, {@code my}), {@code slope} dy/dx. */
  record CentreLine(double mx, double my, double slope) {
    double y(double x) {
      return my + slope * (x - mx);
    }
  }
}
