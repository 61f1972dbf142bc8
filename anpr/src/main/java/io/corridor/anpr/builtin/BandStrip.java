package io.corridor.anpr.builtin;

import io.corridor.anpr.strip.StripInput;

/** Where the strip reader looks for a character row: the row's glyphs, widened a little at both ends. */
final class BandStrip {

  /** Character heights added at each end: room for a first or last character the cut dropped. */
  static final double MARGIN = 0.35;

  private BandStrip() {}

  static StripInput.Row row(CharBand band) {
    double hh = band.meanHeight();
    double x0 = band.left() - MARGIN * hh, x1 = band.right() + MARGIN * hh;
    return new StripInput.Row(x0, x1, band.centreY(x0), band.slope(), hh);
  }

  static float[] input(CharBand band, byte[] pixels, int w, int h) {
    return StripInput.of(pixels, w, h, row(band), band.darkText());
  }
}
