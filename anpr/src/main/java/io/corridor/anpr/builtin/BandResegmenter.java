package io.corridor.anpr.builtin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts a band's characters again, better than the whole-image pass could: the band's line is
 * straightened into a strip scaled so characters are {@value #GLYPH_HEIGHT} px high, the strip is
 * binarised with its own Otsu threshold (the whole-image adaptive threshold breaks small, blurred
 * characters and glues neighbours), its blobs are merged where one character fell apart, split
 * where several are glued, and the strip is widened past the band's ends to pick up characters
 * the first pass missed. Pure Java over the grey image.
 */
final class BandResegmenter {

  /** Character height in the strip, in pixels. */
  static final int GLYPH_HEIGHT = 32;
  private static final double STRIP_HEIGHT = 1.7;
  private static final double WIDEN = 2.5;

  private BandResegmenter() {}

  /**
   * @param gray the image the band was found in, row-major {@code width*height}
   * @return the band re-cut, in strip coordinates; null when the strip holds too few characters
   */
  static CharBand resegment(CharBand band, byte[] gray, int width, int height) {
    double h = band.glyphs().stream().mapToInt(CharBand.Glyph::h).sorted().skip(band.glyphs().size() / 2).findFirst().orElse(0);
    if (h < 4) {
      return null;
    }
    double s = GLYPH_HEIGHT / h;
    double xa = Math.max(0, band.left() - WIDEN * h), xb = Math.min(width - 1, band.right() + WIDEN * h);
    int sw = (int) Math.round((xb - xa) * s), sh = (int) Math.round(STRIP_HEIGHT * GLYPH_HEIGHT);
    if (sw < 8) {
      return null;
    }
    byte[] strip = new byte[sw * sh];
    // The band's centre line, evaluated once: y = y0 + slope * x.
    double slope = band.slope(), y0 = band.centreY(0);
    for (int v = 0; v < sh; v++) {
      for (int u = 0; u < sw; u++) {
        double x = xa + (u + 0.5) / s;
        double y = y0 + slope * x + (v + 0.5 - sh / 2.0) / s;
        strip[v * sw + u] = (byte) bilinear(gray, width, height, x - 0.5, y - 0.5);
      }
    }
    int threshold = otsu(strip, sw, sh);
    boolean[] ink = new boolean[sw * sh];
    for (int i = 0; i < ink.length; i++) {
      int p = strip[i] & 0xff;
      ink[i] = band.darkText() ? p < threshold : p > threshold;
    }
    List<int[]> boxes = components(ink, sw, sh);
    boxes = mergeStacked(boxes);
    List<int[]> glyphBoxes = new ArrayList<>();
    for (int[] b : boxes) {
      int bh = b[3] - b[1], bw = b[2] - b[0];
      double cy = (b[1] + b[3]) / 2.0;
      if (bh < 0.6 * GLYPH_HEIGHT || bh > 1.3 * GLYPH_HEIGHT || Math.abs(cy - sh / 2.0) > 0.3 * GLYPH_HEIGHT || bw < 2) {
        continue;
      }
      glyphBoxes.add(b);
    }
    glyphBoxes = split(glyphBoxes, ink, sw);
    if (glyphBoxes.size() < 4) {
      return null;
    }
    List<CharBand.Glyph> glyphs = new ArrayList<>();
    for (int[] b : glyphBoxes) {
      int bw = b[2] - b[0], bh = b[3] - b[1];
      byte[] crop = new byte[bw * bh];
      boolean[] mask = new boolean[bw * bh];
      for (int y = 0; y < bh; y++) {
        System.arraycopy(strip, (b[1] + y) * sw + b[0], crop, y * bw, bw);
        for (int x = 0; x < bw; x++) {
          mask[y * bw + x] = ink[(b[1] + y) * sw + b[0] + x];
        }
      }
      glyphs.add(new CharBand.Glyph(b[0], b[1], bw, bh, mask, crop));
    }
    return new CharBand(glyphs, band.score(), band.darkText());
  }

  /**
   * Where a column of the band's re-cut strip ({@link #resegment}) lies in the image the band was
   * found in: {@code {x of the strip's column 0, strip pixels per image pixel}}; null where no
   * strip is cut. The re-cut's glyphs keep the strip's coordinates (their crops are the strip's).
   */
  static double[] stripToImage(CharBand band) {
    double h = band.glyphs().stream().mapToInt(CharBand.Glyph::h).sorted().skip(band.glyphs().size() / 2).findFirst().orElse(0);
    return h < 4 ? null : new double[] {Math.max(0, band.left() - WIDEN * h), GLYPH_HEIGHT / h};
  }

  private static double bilinear(byte[] g, int w, int h, double x, double y) {
    x = Math.max(0, Math.min(w - 1, x));
    y = Math.max(0, Math.min(h - 1, y));
    int x0 = (int) x, y0 = (int) y, x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
    double ax = x - x0, ay = y - y0;
    return (1 - ay) * ((1 - ax) * (g[y0 * w + x0] & 0xff) + ax * (g[y0 * w + x1] & 0xff))
        + ay * ((1 - ax) * (g[y1 * w + x0] & 0xff) + ax * (g[y1 * w + x1] & 0xff));
  }

  /** Otsu's threshold over the strip's middle rows, where the characters are. */
  static int otsu(byte[] strip, int sw, int sh) {
    long[] hist = new long[256];
    int from = sh / 2 - GLYPH_HEIGHT / 2, to = sh / 2 + GLYPH_HEIGHT / 2;
    for (int y = Math.max(0, from); y < Math.min(sh, to); y++) {
      for (int x = 0; x < sw; x++) {
        hist[strip[y * sw + x] & 0xff]++;
      }
    }
    long total = 0;
    double sum = 0;
    for (int i = 0; i < 256; i++) {
      total += hist[i];
      sum += i * (double) hist[i];
    }
    double sumB = 0, best = -1;
    long wB = 0;
    int t = 128;
    for (int i = 0; i < 256; i++) {
      wB += hist[i];
      if (wB == 0) continue;
      long wF = total - wB;
      if (wF == 0) break;
      sumB += i * (double) hist[i];
      double mB = sumB / wB, mF = (sum - sumB) / wF;
      double between = (double) wB * wF * (mB - mF) * (mB - mF);
      if (between > best) {
        best = between;
        t = i;
      }
    }
    return t;
  }

  /** 8-connected components as boxes {x0, y0, x1, y1, area} (x1, y1 exclusive). */
  private static List<int[]> components(boolean[] ink, int w, int h) {
    int[] label = new int[w * h];
    int[] stack = new int[w * h];
    List<int[]> boxes = new ArrayList<>();
    int next = 0;
    for (int start = 0; start < ink.length; start++) {
      if (!ink[start] || label[start] != 0) continue;
      next++;
      int top = 0;
      stack[top++] = start;
      label[start] = next;
      int x0 = w, y0 = h, x1 = -1, y1 = -1, area = 0;
      while (top > 0) {
        int p = stack[--top];
        int px = p % w, py = p / w;
        area++;
        x0 = Math.min(x0, px);
        x1 = Math.max(x1, px);
        y0 = Math.min(y0, py);
        y1 = Math.max(y1, py);
        for (int dy = -1; dy <= 1; dy++) {
          int ny = py + dy;
          if (ny < 0 || ny >= h) continue;
          for (int dx = -1; dx <= 1; dx++) {
            int nx = px + dx;
            if (nx < 0 || nx >= w) continue;
            int q = ny * w + nx;
            if (ink[q] && label[q] == 0) {
              label[q] = next;
              stack[top++] = q;
            }
          }
        }
      }
      if (area >= 6) {
        boxes.add(new int[] {x0, y0, x1 + 1, y1 + 1, area});
      }
    }
    boxes.sort(Comparator.comparingInt(b -> b[0]));
    return boxes;
  }

  /** Joins pieces stacked in one column (a character whose thin stroke the threshold lost). */
  private static List<int[]> mergeStacked(List<int[]> boxes) {
    List<int[]> out = new ArrayList<>(boxes);
    boolean merged = true;
    while (merged) {
      merged = false;
      outer:
      for (int i = 0; i < out.size(); i++) {
        for (int j = i + 1; j < out.size(); j++) {
          int[] a = out.get(i), b = out.get(j);
          int overlap = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
          int narrower = Math.min(a[2] - a[0], b[2] - b[0]);
          int unionH = Math.max(a[3], b[3]) - Math.min(a[1], b[1]);
          if (overlap > 0.6 * narrower && unionH <= 1.25 * GLYPH_HEIGHT
              && Math.max(a[3] - a[1], b[3] - b[1]) < 0.9 * GLYPH_HEIGHT) {
            out.set(i, new int[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3]), a[4] + b[4]});
            out.remove(j);
            merged = true;
            break outer;
          }
        }
      }
    }
    return out;
  }

  /** Splits blobs much wider than a character at the thinnest columns near the expected cuts. */
  private static List<int[]> split(List<int[]> boxes, boolean[] ink, int sw) {
    if (boxes.isEmpty()) {
      return boxes;
    }
    double typical = boxes.stream().mapToInt(b -> b[2] - b[0]).sorted().skip(boxes.size() / 2).findFirst().orElse(0);
    typical = Math.max(typical, 0.45 * GLYPH_HEIGHT);
    List<int[]> out = new ArrayList<>();
    for (int[] b : boxes) {
      int bw = b[2] - b[0];
      int pieces = (int) Math.round(bw / typical);
      if (bw < 0.95 * GLYPH_HEIGHT || pieces < 2) {
        out.add(b);
        continue;
      }
      int[] column = new int[bw];
      for (int x = 0; x < bw; x++) {
        for (int y = b[1]; y < b[3]; y++) {
          if (ink[y * sw + b[0] + x]) column[x]++;
        }
      }
      int from = 0;
      for (int k = 1; k < pieces; k++) {
        int ideal = bw * k / pieces, reach = (int) Math.max(1, typical * 0.3);
        int cut = ideal;
        for (int x = Math.max(from + 2, ideal - reach); x <= Math.min(bw - 2, ideal + reach); x++) {
          if (column[x] < column[cut]) cut = x;
        }
        out.add(new int[] {b[0] + from, b[1], b[0] + cut, b[3], 0});
        from = cut;
      }
      out.add(new int[] {b[0] + from, b[1], b[2], b[3], 0});
    }
    return out;
  }
}
