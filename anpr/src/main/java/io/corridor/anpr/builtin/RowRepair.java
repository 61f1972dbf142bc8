package io.corridor.anpr.builtin;

import io.corridor.anpr.glyph.GlyphAlphabet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Mends a read row inside its ends, where the row finder cut it wrong: characters glued into one
 * blob, a character broken into two thin strokes, and a character missing from a gap between two
 * of the row's members.
 *
 * <p>The row finder takes each connected component as one character. A blurred pair of
 * characters forms one blob about two character widths wide ({@code 8P62983}: the 62 one blob,
 * read as "not a character"); a thin-stroked 0 falls apart into two strokes read as I and 1
 * ({@code 5DJ0529} read {@code BDJI1529}); a character glued to a sticker or too faint for the
 * threshold is no member at all, leaving a gap of a character's pitch ({@code WD2R9B} read
 * {@code WDR9B}). Each of these is judged against the row's own median character width, pitch
 * and gap ({@link RowEndProbe.Shape}) and repaired only where the network agrees:
 *
 * <ul>
 *   <li>a member at least {@value #GLUED_WIDTH} median widths wide that the network is not sure
 *       of is cut into as many pieces as the row's pitch fits into it, at the columns with least
 *       ink near the even cuts; kept only when the network is sure of every piece;
 *   <li>two neighbouring members each narrower than {@value #BROKEN_WIDTH} of the median width,
 *       neither sure and together at most {@value #BROKEN_UNION} widths, are joined; kept when the
 *       network is sure of the joined piece;
 *   <li>a gap between two members with room for a character is searched as {@link RowEndProbe}
 *       searches beyond an end (ink per column in the middle of the character height), and the
 *       run found there is kept when the network is sure of it.
 * </ul>
 *
 * <p>The mended row is read beside the row as found ({@link BuiltinRecognizer}); its readings win
 * only by their score, the strip reader judging both over the row's extent.
 */
final class RowRepair {

  /** Width, in the row's median character widths, from which an unsure member may be two glued characters. */
  static final double GLUED_WIDTH = 1.6;
  /** Width, in median widths, below which a member may be one stroke of a broken character. */
  static final double BROKEN_WIDTH = 0.6;
  /** Width, in median widths, that two strokes of one broken character span at most. */
  static final double BROKEN_UNION = 1.3;
  /** Share of the median width by which a gap must exceed the row's median gap to hold a character. */
  private static final double GAP_ROOM = 0.6;
  /**
   * The network's probability of its best character that each piece of a split member needs: less
   * than {@link RowEndProbe#MIN_CHAR_P}, since the member was one blob (its pieces are cut by
   * column, not found whole), and the mended row still only competes with the row as found.
   */
  static final double SPLIT_CHAR_P = 0.5;
  /** The "not a character" probability above which a piece of a split member is not one. */
  static final double SPLIT_REJECT_P = 0.25;
  /** Pieces a glued member is cut into at most. */
  private static final int MAX_PIECES = 3;
  /** Characters added at most in one gap. */
  private static final int MAX_PER_GAP = 2;

  private RowRepair() {}

  /**
   * @param band a row of at least three glyphs, in the coordinates of {@code gray}
   * @param gray the grey image, row-major {@code width*height}
   * @param classify the network's probabilities for a glyph of this row (its alphabet, reject last)
   * @return the mended row, or null when nothing was mended
   */
  static CharBand repair(CharBand band, byte[] gray, int width, int height, Function<CharBand.Glyph, float[]> classify) {
    if (band.glyphs().size() < 3) {
      return null;
    }
    RowEndProbe.Shape s = RowEndProbe.Shape.of(band);
    if (s == null) {
      return null;
    }
    List<CharBand.Glyph> in = band.glyphs();
    List<CharBand.Glyph> out = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < in.size(); i++) {
      CharBand.Glyph a = in.get(i);
      boolean aSure = RowEndProbe.sure(classify.apply(a));
      if (i + 1 < in.size() && !aSure) {
        CharBand.Glyph joined = joinBroken(band, s, a, in.get(i + 1), gray, width, height);
        if (joined != null && !RowEndProbe.sure(classify.apply(in.get(i + 1))) && RowEndProbe.sure(classify.apply(joined))) {
          out.add(joined);
          changed = true;
          i++;
          changed |= fillGap(band, s, joined, i + 1 < in.size() ? in.get(i + 1) : null, gray, width, height, classify, out);
          continue;
        }
      }
      List<CharBand.Glyph> pieces = aSure ? null : splitGlued(band, s, a, gray, width, height);
      if (pieces != null && pieces.stream().allMatch(p -> likely(classify.apply(p)))) {
        out.addAll(pieces);
        changed = true;
      } else {
        out.add(a);
      }
      changed |= fillGap(band, s, a, i + 1 < in.size() ? in.get(i + 1) : null, gray, width, height, classify, out);
    }
    return changed ? new CharBand(List.copyOf(out), band.score(), band.darkText()) : null;
  }

  /** Two thin neighbours joined into one piece of the row's height, or null when they are no broken character. */
  static CharBand.Glyph joinBroken(CharBand band, RowEndProbe.Shape s, CharBand.Glyph a, CharBand.Glyph b,
      byte[] gray, int width, int height) {
    int x0 = Math.min(a.x(), b.x()), x1 = Math.max(a.x() + a.w(), b.x() + b.w());
    if (a.w() >= BROKEN_WIDTH * s.w() || b.w() >= BROKEN_WIDTH * s.w() || x1 - x0 > BROKEN_UNION * s.w()) {
      return null;
    }
    int y0 = Math.min(a.y(), b.y()), y1 = Math.max(a.y() + a.h(), b.y() + b.h());
    return crop(band, s, x0, y0, x1 - x0, y1 - y0, gray, width, height);
  }

  /** A wide member cut at its emptiest columns into the pieces the row's pitch fits, or null when it is not that wide. */
  static List<CharBand.Glyph> splitGlued(CharBand band, RowEndProbe.Shape s, CharBand.Glyph a, byte[] gray, int width, int height) {
    if (a.w() < GLUED_WIDTH * s.w()) {
      return null;
    }
    int k = (int) Math.round((a.w() + s.gap()) / s.pitch());
    k = Math.max(2, Math.min(MAX_PIECES, k));
    int[] column = new int[a.w()];
    for (int y = 0; y < a.h(); y++) {
      for (int x = 0; x < a.w(); x++) {
        if (a.mask()[y * a.w() + x]) {
          column[x]++;
        }
      }
    }
    List<CharBand.Glyph> pieces = new ArrayList<>();
    int from = 0;
    int reach = (int) Math.max(1, Math.round(0.3 * s.w()));
    for (int j = 1; j <= k; j++) {
      int cut = a.w();
      if (j < k) {
        int ideal = a.w() * j / k;
        cut = ideal;
        for (int x = Math.max(from + 2, ideal - reach); x <= Math.min(a.w() - 2, ideal + reach); x++) {
          if (column[x] < column[cut]) {
            cut = x;
          }
        }
      }
      if (cut - from < 2) {
        return null;
      }
      CharBand.Glyph piece = crop(band, s, a.x() + from, a.y(), cut - from, a.h(), gray, width, height);
      if (piece == null) {
        return null;
      }
      pieces.add(piece);
      from = cut;
    }
    return pieces;
  }

  /**
   * Searches the gap after {@code a} (up to {@code b}) for characters the row lost, as {@link
   * RowEndProbe} searches beyond an end, and appends the sure ones to {@code out}. A run of inked
   * columns wider than a character (the lost one glued to a sticker or a bolt in the middle of the
   * character height) is tried as a character's width from either of its ends.
   *
   * @return whether any was added
   */
  private static boolean fillGap(CharBand band, RowEndProbe.Shape s, CharBand.Glyph a, CharBand.Glyph b, byte[] gray,
      int width, int height, Function<CharBand.Glyph, float[]> classify, List<CharBand.Glyph> out) {
    if (b == null) {
      return false;
    }
    int x = a.x() + a.w(), limit = b.x();
    // Room for a character: more than the row's usual gap by part of a width, or (where every gap
    // of the row lost a character, so the median gap is one too) more than a character's width.
    if (limit - x < Math.min(s.gap() + GAP_ROOM * s.w(), 2 * GAP_ROOM * s.w())) {
      return false;
    }
    int maxWidth = (int) Math.ceil(1.4 * s.w()), minWidth = Math.max(1, (int) Math.round(0.15 * s.w()));
    int added = 0;
    while (x < limit && added < MAX_PER_GAP) {
      while (x < limit && !RowEndProbe.inkedColumn(band, s, x, gray, width, height)) {
        x++;
      }
      int start = x;
      while (x < limit && RowEndProbe.inkedColumn(band, s, x, gray, width, height)) {
        x++;
      }
      int run = x - start;
      if (run < minWidth) {
        continue;
      }
      // The run as it is, and a character's width from its start: a character with an open
      // middle (D, 0, U) has no ink in the middle of its height between its strokes, so its run
      // is only its first stroke; a run wider than a character is the lost one glued to a sticker
      // or a bolt. The surer of the two stands.
      List<CharBand.Glyph> tries = new ArrayList<>();
      if (run <= maxWidth) {
        tries.add(RowEndProbe.cut(band, s, start, run, gray, width, height));
      }
      int window = Math.min(s.w(), limit - start);
      if (window != run && (run < 0.8 * s.w() || run > 1.2 * s.w())) {
        tries.add(RowEndProbe.cut(band, s, start, window, gray, width, height));
      }
      CharBand.Glyph best = null;
      float bestP = 0;
      for (CharBand.Glyph t : tries) {
        float[] p = t == null ? null : classify.apply(t);
        if (p != null && RowEndProbe.sure(p) && bestChar(p) > bestP) {
          best = t;
          bestP = bestChar(p);
        }
      }
      if (best != null) {
        out.add(best);
        added++;
        x = Math.max(x, best.x() + best.w());
      }
    }
    return added > 0;
  }

  /** The grey box {@code x0, y0, w, h} as a glyph, its ink the row's threshold, or null outside the image. */
  private static CharBand.Glyph crop(CharBand band, RowEndProbe.Shape s, int x0, int y0, int w, int h,
      byte[] gray, int width, int height) {
    if (w < 1 || h < 1 || x0 < 0 || y0 < 0 || x0 + w > width || y0 + h > height) {
      return null;
    }
    byte[] c = new byte[w * h];
    boolean[] mask = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = gray[(y0 + y) * width + x0 + x] & 0xff;
        c[y * w + x] = (byte) v;
        mask[y * w + x] = band.darkText() ? v < s.threshold() : v > s.threshold();
      }
    }
    return new CharBand.Glyph(x0, y0, w, h, mask, c);
  }

  /** Whether a piece of a split member is likely a character: its best at {@value #SPLIT_CHAR_P}, "not a character" at most {@value #SPLIT_REJECT_P}. */
  static boolean likely(float[] p) {
    return p[GlyphAlphabet.REJECT] <= SPLIT_REJECT_P && bestChar(p) >= SPLIT_CHAR_P;
  }

  private static float bestChar(float[] p) {
    float best = 0;
    for (int c = 0; c < GlyphAlphabet.REJECT; c++) {
      best = Math.max(best, p[c]);
    }
    return best;
  }
}
