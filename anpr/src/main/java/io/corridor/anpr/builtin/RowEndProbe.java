package io.corridor.anpr.builtin;

import io.corridor.anpr.glyph.GlyphAlphabet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Looks just beyond each end of a read row for one more character of the row's height and pitch.
 *
 * <p>The row finder links only blobs that pass its shape rules, so an end character that is glued
 * to the plate's frame or a bolt, or broken by the threshold, forms no row member; the re-cut's
 * Otsu strip drops it for being taller than a character when the frame's bar joins it. The plate
 * is then read with that end missing ({@code W2529} for {@code ANW2529}), and the short reading
 * fits the generic shape as confidently as a right one. The probe does not ask the blob for its
 * shape: it takes the row's own line and character height where the next character would stand
 * (within two of the row's gaps of its end), counts ink per column only in the middle of the
 * character height (a frame's bars lie above and below), cuts the first run of inked columns there
 * as a character of the row's height, and keeps it only when the network is sure it is a
 * character. Each end may grow by up to {@value #MAX_PER_END} characters. The longer row is read
 * beside the row as found ({@link BuiltinRecognizer}), so the longer reading wins only by its score
 * (formats, strip).
 */
final class RowEndProbe {

  /** Characters added at most per end. */
  static final int MAX_PER_END = 2;
  /** The network's probability of its best character that a probed piece needs. */
  static final double MIN_CHAR_P = 0.8;
  /** The network's "not a character" probability above which a probed piece is dropped. */
  static final double MAX_REJECT_P = 0.15;
  /** Share of the character height (its middle) in which columns are counted for ink. */
  private static final double CORE = 0.6;

  private RowEndProbe() {}

  /**
   * @param band a row of at least three glyphs, in the coordinates of {@code gray}
   * @param gray the grey image, row-major {@code width*height}
   * @param classify the network's probabilities for a glyph of this row (its alphabet, reject last)
   * @return the row with the characters found beyond its ends, or null when none was found
   */
  static CharBand extend(CharBand band, byte[] gray, int width, int height, Function<CharBand.Glyph, float[]> classify) {
    if (band.glyphs().size() < 3) {
      return null;
    }
    Shape shape = Shape.of(band);
    if (shape == null) {
      return null;
    }
    List<CharBand.Glyph> glyphs = new ArrayList<>(band.glyphs());
    int added = 0;
    for (int side : new int[] {-1, 1}) {
      for (int k = 0; k < MAX_PER_END; k++) {
        CharBand.Glyph end = side < 0 ? glyphs.getFirst() : glyphs.getLast();
        CharBand.Glyph next = probe(band, shape, end, side, gray, width, height);
        if (next == null || !sure(classify.apply(next))) {
          break;
        }
        if (side < 0) {
          glyphs.addFirst(next);
        } else {
          glyphs.addLast(next);
        }
        added++;
      }
    }
    return added == 0 ? null : new CharBand(List.copyOf(glyphs), band.score(), band.darkText());
  }

  /** How many glyphs {@code longer} has before the first of {@code found} (the row it grew from). */
  static int addedLeft(CharBand found, CharBand longer) {
    return longer.glyphs().indexOf(found.glyphs().getFirst());
  }

  /** How many glyphs {@code longer} has after the last of {@code found}. */
  static int addedRight(CharBand found, CharBand longer) {
    return longer.glyphs().size() - 1 - longer.glyphs().lastIndexOf(found.glyphs().getLast());
  }

  /** Whether the network is sure the piece is a character. */
  static boolean sure(float[] p) {
    return p[GlyphAlphabet.REJECT] <= MAX_REJECT_P && best(p) >= MIN_CHAR_P;
  }

  private static float best(float[] p) {
    float best = 0;
    for (int c = 0; c < GlyphAlphabet.REJECT; c++) {
      best = Math.max(best, p[c]);
    }
    return best;
  }

  /** The row's median character size, pitch and gap, and the grey level between ink and ground. */
  record Shape(int h, int w, double pitch, double gap, double threshold) {
    static Shape of(CharBand band) {
      List<CharBand.Glyph> g = band.glyphs();
      int n = g.size();
      double[] pitches = new double[n - 1], gaps = new double[n - 1];
      for (int i = 0; i + 1 < n; i++) {
        pitches[i] = g.get(i + 1).cx() - g.get(i).cx();
        gaps[i] = g.get(i + 1).x() - (g.get(i).x() + g.get(i).w());
      }
      double ink = 0, ground = 0;
      long nInk = 0, nGround = 0;
      for (CharBand.Glyph glyph : g) {
        for (int i = 0; i < glyph.mask().length; i++) {
          int v = glyph.gray()[i] & 0xff;
          if (glyph.mask()[i]) {
            ink += v;
            nInk++;
          } else {
            ground += v;
            nGround++;
          }
        }
      }
      if (nInk == 0 || nGround == 0) {
        return null;
      }
      int h = (int) Math.round(median(g.stream().mapToDouble(CharBand.Glyph::h).toArray()));
      int w = (int) Math.round(median(g.stream().mapToDouble(CharBand.Glyph::w).toArray()));
      double pitch = median(pitches);
      if (h < 4 || w < 1 || pitch <= 0) {
        return null;
      }
      return new Shape(h, w, pitch, Math.max(1, median(gaps)), (ink / nInk + ground / nGround) / 2);
    }
  }

  /**
   * The piece standing where the row's next character beyond {@code end} would (side -1: left,
   * 1: right), or null when no inked run starts there.
   */
  static CharBand.Glyph probe(CharBand band, Shape s, CharBand.Glyph end, int side, byte[] gray, int width, int height) {
    int maxStart = (int) Math.ceil(2 * s.gap()) + 1;
    int maxWidth = (int) Math.ceil(1.4 * s.w());
    int minWidth = Math.max(1, (int) Math.round(0.15 * s.w()));
    int from = side > 0 ? end.x() + end.w() : end.x() - 1;
    int runStart = -1, runEnd = -1;
    // The run is followed to its end: one still inked a character width on is a dark region (a
    // bumper, the frame's side) whatever a window of it would look like to the network.
    for (int d = 0; ; d++) {
      int x = from + side * d;
      if (x < 0 || x >= width) {
        return null; // nothing, or a run cut by the image's edge
      }
      boolean inked = inkedColumn(band, s, x, gray, width, height);
      if (runStart < 0) {
        if (!inked) {
          if (d >= maxStart) {
            return null; // no character within two gaps of the row's end
          }
          continue;
        }
        runStart = d;
      } else if (!inked) {
        break;
      }
      runEnd = d;
      if (runEnd - runStart + 1 > maxWidth) {
        return null; // a bar along the row, or a frame's edge glued to the character: not one piece
      }
    }
    int runWidth = runEnd - runStart + 1;
    if (runWidth < minWidth) {
      return null;
    }
    int x0 = side > 0 ? from + runStart : from - runEnd;
    return cut(band, s, x0, runWidth, gray, width, height);
  }

  /** The piece of the row's character height at columns {@code x0 .. x0 + runWidth - 1}, or null outside the image. */
  static CharBand.Glyph cut(CharBand band, Shape s, int x0, int runWidth, byte[] gray, int width, int height) {
    double cy = band.centreY(x0 + runWidth / 2.0);
    int y0 = (int) Math.round(cy - s.h() / 2.0);
    if (x0 < 0 || y0 < 0 || x0 + runWidth > width || y0 + s.h() > height) {
      return null;
    }
    byte[] crop = new byte[runWidth * s.h()];
    boolean[] mask = new boolean[crop.length];
    for (int y = 0; y < s.h(); y++) {
      for (int x = 0; x < runWidth; x++) {
        int v = gray[(y0 + y) * width + x0 + x] & 0xff;
        crop[y * runWidth + x] = (byte) v;
        mask[y * runWidth + x] = band.darkText() ? v < s.threshold() : v > s.threshold();
      }
    }
    return new CharBand.Glyph(x0, y0, runWidth, s.h(), mask, crop);
  }

  /** Whether column {@code x} holds ink in the middle of the row's character height. */
  static boolean inkedColumn(CharBand band, Shape s, int x, byte[] gray, int width, int height) {
    double cy = band.centreY(x);
    int y0 = (int) Math.round(cy - CORE * s.h() / 2), y1 = (int) Math.round(cy + CORE * s.h() / 2);
    if (y0 < 0 || y1 >= height) {
      return false;
    }
    int ink = 0;
    for (int y = y0; y <= y1; y++) {
      int v = gray[y * width + x] & 0xff;
      if (band.darkText() ? v < s.threshold() : v > s.threshold()) {
        ink++;
      }
    }
    return ink >= 1 && ink * 8 >= (y1 - y0 + 1);
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    return c.length == 0 ? 0 : c[c.length / 2];
  }
}
