package io.corridor.anpr.builtin;

import io.corridor.anpr.Point;
import java.util.List;

/**
 * The plate around a row of characters: how far its background reaches above, below and beside
 * the characters. A European plate's characters fill two thirds of its height, a US plate's less
 * than half (state name above, slogan or dealer frame below), so a fixed margin around the row
 * fits one and misses the other. Walks outward from the row, line by line along the row's slope,
 * while most of the line is on the plate background's side of the threshold between the row's
 * ink and background, and stops at the first line that is not (the plate's edge, its frame, the
 * bumper), within fixed bounds in character heights.
 */
final class PlateExtent {

  /** Margins in character heights: at least what the tightest plates show, at most a US plate's. */
  static final double MIN_VERTICAL = 0.15, MAX_VERTICAL = 0.8, MIN_SIDE = 0.2, MAX_SIDE = 1.0;
  /** Share of a line that must look like plate background for the plate to go on. */
  static final double BACKGROUND_SHARE = 0.6;

  /** Margins found, in character heights. */
  record Margins(double up, double down, double left, double right) {
    /** How many of the four sides ended at an edge before the bound (0-4): a plate is a bounded patch. */
    int bounded() {
      return (up < MAX_VERTICAL ? 1 : 0) + (down < MAX_VERTICAL ? 1 : 0) + (left < MAX_SIDE ? 1 : 0) + (right < MAX_SIDE ? 1 : 0);
    }
  }

  private PlateExtent() {}

  /** The plate's corners in the original image (the band is in the scaled one). */
  static List<Point> corners(CharBand band, byte[] gray, int width, int height, double scale) {
    return corners(band, margins(band, gray, width, height), scale);
  }

  /** The plate's corners in the original image, given the margins found around the band. */
  static List<Point> corners(CharBand band, Margins m, double scale) {
    return corners(band, band.left(), band.right(), m, scale);
  }

  /** The corners around characters from {@code left} to {@code right} along the band's line. */
  private static List<Point> corners(CharBand band, double left, double right, Margins m, double scale) {
    double hh = band.meanHeight();
    double x0 = left - m.left() * hh, x1 = right + m.right() * hh;
    double y0 = band.centreY(x0), y1 = band.centreY(x1);
    double up = 0.5 * hh + m.up() * hh, down = 0.5 * hh + m.down() * hh;
    return List.of(pt(x0, y0 - up, scale), pt(x1, y1 - up, scale), pt(x1, y1 + down, scale), pt(x0, y0 + down, scale));
  }

  /**
   * The plate's corners in the original image around the characters a reading rests on ({@code
   * span}, in the band's image): a grown or joined row's reading holds characters beyond the row
   * as found, an end-trimmed one leaves a frame's mark or a sticker out, and the plate lies around
   * what was read. A side whose end moved has its margin walked again from the new end; the
   * other keeps the row's. Without a span (a reading of no known place), the row's corners.
   */
  static List<Point> corners(CharBand band, Margins m, BandReader.Span span, byte[] gray, int width, int height, double scale) {
    if (span == null || !Double.isFinite(span.left()) || !Double.isFinite(span.right()) || span.right() <= span.left()) {
      return corners(band, m, scale);
    }
    double hh = Math.max(1, band.meanHeight());
    double threshold = inkThreshold(band);
    double slope = band.slope();
    double left = span.left(), right = span.right();
    // Within a pixel of the row's end: the same end, its margin as walked.
    double leftM = Math.abs(left - band.left()) < 1 ? m.left() : walk(gray, width, height, hh, MIN_SIDE, MAX_SIDE, threshold,
        band.darkText(), d -> vertical(band, left - d, hh, slope));
    double rightM = Math.abs(right - band.right()) < 1 ? m.right() : walk(gray, width, height, hh, MIN_SIDE, MAX_SIDE, threshold,
        band.darkText(), d -> vertical(band, right + d, hh, slope));
    return corners(band, left, right, new Margins(m.up(), m.down(), leftM, rightM), scale);
  }

  /** The margins of the plate around {@code band} in {@code gray} (row-major, {@code width} × {@code height}). */
  static Margins margins(CharBand band, byte[] gray, int width, int height) {
    double hh = Math.max(1, band.meanHeight());
    double threshold = inkThreshold(band);
    boolean dark = band.darkText();
    double slope = band.slope();
    int left = band.left(), right = band.right();
    double up = walk(gray, width, height, hh, MIN_VERTICAL, MAX_VERTICAL, threshold, dark, 
        d -> horizontal(band, left, right, -(0.5 * hh + d), slope));
    double down = walk(gray, width, height, hh, MIN_VERTICAL, MAX_VERTICAL, threshold, dark,
        d -> horizontal(band, left, right, 0.5 * hh + d, slope));
    double leftM = walk(gray, width, height, hh, MIN_SIDE, MAX_SIDE, threshold, dark,
        d -> vertical(band, left - d, hh, slope));
    double rightM = walk(gray, width, height, hh, MIN_SIDE, MAX_SIDE, threshold, dark,
        d -> vertical(band, right + d, hh, slope));
    return new Margins(up, down, leftM, rightM);
  }

  /** Sample points of one line: x, y pairs. */
  private interface Line {
    double[] at(double distance);
  }

  /** Steps out one pixel at a time from {@code min} to {@code max} character heights; the margin reached. */
  private static double walk(byte[] gray, int width, int height, double hh, double min, double max, double threshold,
      boolean darkText, Line line) {
    int from = (int) Math.round(min * hh), to = (int) Math.round(max * hh);
    for (int d = from; d <= to; d++) {
      double[] pts = line.at(d);
      int background = 0, total = 0;
      for (int i = 0; i + 1 < pts.length; i += 2) {
        int x = (int) Math.round(pts[i]), y = (int) Math.round(pts[i + 1]);
        if (x < 0 || y < 0 || x >= width || y >= height) {
          return Math.max(min, (d - 1) / hh);
        }
        int v = gray[y * width + x] & 0xff;
        background += darkText == v > threshold ? 1 : 0;
        total++;
      }
      if (total > 0 && background < BACKGROUND_SHARE * total) {
        return Math.max(min, (d - 1) / hh);
      }
    }
    return max;
  }

  /** A line parallel to the row, {@code offset} px off its centre line (negative: above). */
  private static double[] horizontal(CharBand band, int left, int right, double offset, double slope) {
    int n = Math.max(1, right - left);
    double[] pts = new double[2 * n];
    CharBand.CentreLine centre = band.centreLine();
    for (int i = 0; i < n; i++) {
      double x = left + i;
      pts[2 * i] = x;
      pts[2 * i + 1] = centre.y(x) + offset;
    }
    return pts;
  }

  /** A line across the row at {@code x}, as high as its characters. */
  private static double[] vertical(CharBand band, double x, double hh, double slope) {
    int n = Math.max(1, (int) Math.round(hh));
    double[] pts = new double[2 * n];
    double cy = band.centreY(x);
    for (int i = 0; i < n; i++) {
      double dy = i - hh / 2;
      pts[2 * i] = x - slope * dy;
      pts[2 * i + 1] = cy + dy;
    }
    return pts;
  }

  /** Midway between the mean ink and the mean background inside the row's character boxes. */
  static double inkThreshold(CharBand band) {
    double ink = 0, bg = 0;
    long nInk = 0, nBg = 0;
    for (CharBand.Glyph g : band.glyphs()) {
      for (int i = 0; i < g.mask().length; i++) {
        int v = g.gray()[i] & 0xff;
        if (g.mask()[i]) {
          ink += v;
          nInk++;
        } else {
          bg += v;
          nBg++;
        }
      }
    }
    if (nInk == 0 || nBg == 0) {
      return band.darkText() ? 0 : 255;
    }
    return (ink / nInk + bg / nBg) / 2;
  }

  private static Point pt(double x, double y, double scale) {
    return new Point((int) Math.round(Math.max(0, x) / scale), (int) Math.round(Math.max(0, y) / scale));
  }
}
