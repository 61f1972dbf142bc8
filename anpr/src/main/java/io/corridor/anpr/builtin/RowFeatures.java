package io.corridor.anpr.builtin;

import java.util.List;

/**
 * What {@link RowVerifier} knows about a candidate row: its geometry (how many characters, how
 * even their heights and spacing, their shape), the plate around it ({@link PlateExtent}: how
 * far a uniform background reaches and whether it ends at an edge on each side), its contrast,
 * and its best reading (confidence, length, whether it fits a country's or only the generic
 * format, whether it is mostly bars). Plain numbers, so the verifier is a weighted sum.
 */
final class RowFeatures {

  /** Feature names, in vector order (also the verifier file's header). */
  static final List<String> NAMES = List.of("confidence", "country_format", "generic_format", "plate_length",
      "text_length", "glyphs", "height_cv", "gap_cv", "contrast", "margin_up", "margin_down", "margin_left",
      "margin_right", "bounded_sides", "mostly_bars", "aspect", "log_height", "band_score", "fill", "dark_text");

  private RowFeatures() {}

  /**
   * @param best the row's best reading
   * @param imageHeight height of the image the band was found in
   */
  static double[] of(CharBand band, PlateExtent.Margins m, BandReader.Reading best, int imageHeight) {
    List<CharBand.Glyph> g = band.glyphs();
    int n = g.size();
    double meanH = band.meanHeight();
    double varH = 0, aspect = 0, fill = 0;
    for (CharBand.Glyph x : g) {
      varH += (x.h() - meanH) * (x.h() - meanH);
      aspect += (double) x.w() / x.h();
      int ink = 0;
      for (boolean b : x.mask()) {
        ink += b ? 1 : 0;
      }
      fill += (double) ink / x.mask().length;
    }
    double[] gaps = new double[Math.max(0, n - 1)];
    double meanGap = 0;
    for (int i = 1; i < n; i++) {
      gaps[i - 1] = g.get(i).cx() - g.get(i - 1).cx();
      meanGap += gaps[i - 1];
    }
    meanGap = gaps.length == 0 ? 1 : meanGap / gaps.length;
    double varGap = 0;
    for (double d : gaps) {
      varGap += (d - meanGap) * (d - meanGap);
    }
    double gapCv = gaps.length == 0 ? 0 : Math.sqrt(varGap / gaps.length) / Math.max(1, meanGap);
    String text = best.text();
    int len = text.length();
    boolean country = best.format() != null && !best.format().generic();
    boolean generic = best.format() != null && best.format().generic();
    return new double[] {
        Math.min(1.0, best.confidence()),
        country ? 1 : 0,
        generic ? 1 : 0,
        len >= 5 && len <= 8 ? 1 : 0,
        len / 8.0,
        n / 8.0,
        Math.sqrt(varH / n) / Math.max(1, meanH),
        Math.min(2, gapCv),
        contrast(band),
        m.up() / PlateExtent.MAX_VERTICAL,
        m.down() / PlateExtent.MAX_VERTICAL,
        m.left() / PlateExtent.MAX_SIDE,
        m.right() / PlateExtent.MAX_SIDE,
        m.bounded() / 4.0,
        BuiltinRecognizer.mostlyBars(text) ? 1 : 0,
        aspect / n,
        Math.log(Math.max(1, meanH) / Math.max(1, imageHeight)),
        band.score(),
        fill / n,
        band.darkText() ? 1 : 0};
  }

  /** Mean ink against mean background inside the character boxes, 0..1. */
  static double contrast(CharBand band) {
    double ink = 0, bg = 0;
    long nInk = 0, nBg = 0;
    for (CharBand.Glyph x : band.glyphs()) {
      for (int i = 0; i < x.mask().length; i++) {
        int v = x.gray()[i] & 0xff;
        if (x.mask()[i]) {
          ink += v;
          nInk++;
        } else {
          bg += v;
          nBg++;
        }
      }
    }
    return nInk == 0 || nBg == 0 ? 0 : Math.abs(ink / nInk - bg / nBg) / 255.0;
  }
}
