package io.corridor.anpr.builtin;

import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.strip.StripInput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Joins two cuts of one row that each hold part of the plate. A row cut from the whole image may
 * lose an end character (glued to the frame, too faint for the threshold) that the re-cut on the
 * row's own strip ({@link BandResegmenter}) finds, while the re-cut loses characters the first
 * cut has ({@code BY649A} and {@code Y49AG} for {@code BY649AG}; {@code ANW252} and {@code W2529}
 * for {@code ANW2529}). Neither cut's readings hold the plate, so no ranking can choose it.
 *
 * <p>Where the re-cut's characters lie beyond an end of a cut's characters, and the two agree on
 * the {@value #AGREE} characters before that end (the same place in the image and the same best
 * character of the network, O and 0 as one), the cut is joined with at most {@value #MAX_ADDED}
 * of the re-cut's characters beyond it: every character of the joined row is one some cut found
 * and the network read, nothing is made up. The joined row is read like any other ({@link
 * BandReader}: its format, the network's probabilities over its pieces), and the strip reader
 * judges its texts over the joined row's own extent ({@link #extent}).
 */
final class ReadingJoin {

  /** Characters before the join on which the two cuts must agree. */
  static final int AGREE = 2;
  /** Characters taken from the re-cut beyond a cut's end at most. */
  static final int MAX_ADDED = 2;
  /** Where, in the row's pitches from its end character, the first added one may stand. */
  static final double MIN_STEP = 0.6, MAX_STEP = 1.5;
  /** Above this "not a character" probability a piece is no character ({@code BandReader}'s rule). */
  private static final double REJECT_ABOVE = 0.5;

  /**
   * A joined row: the cut it grew from, its glyphs (the cut's, then or after the re-cut's, each with its own crop), how
   * many were added at each end, and where the strip reader should look for it.
   */
  record Join(CharBand cut, CharBand row, int addedLeft, int addedRight, StripInput.Row extent, double pitches) {}

  /** A character piece: its glyph, its place in the image, the network's best character. */
  private record Piece(CharBand.Glyph glyph, double x0, double x1, char best) {
    double cx() {
      return (x0 + x1) / 2;
    }
  }

  private ReadingJoin() {}

  /**
   * @param cuts rows in the image's coordinates over the same characters (the row as found, grown,
   *     mended)
   * @param found the row the re-cut was cut from
   * @param recut the re-cut ({@link BandResegmenter#resegment}, strip coordinates), or null
   * @param classify the network's probabilities for a glyph (reject last)
   * @return the distinct joins, often none
   */
  static List<Join> of(List<CharBand> cuts, CharBand found, CharBand recut, Function<CharBand.Glyph, float[]> classify) {
    List<Join> out = new ArrayList<>();
    double[] map = recut == null ? null : BandResegmenter.stripToImage(found);
    if (map == null) {
      return out;
    }
    List<Piece> other = new ArrayList<>();
    for (CharBand.Glyph g : recut.glyphs()) {
      Piece p = piece(g, map[0] + g.x() / map[1], map[0] + (g.x() + g.w()) / map[1], classify);
      if (p != null) other.add(p);
    }
    for (CharBand cut : cuts) {
      if (cut == null) continue;
      List<Piece> own = new ArrayList<>();
      for (CharBand.Glyph g : cut.glyphs()) {
        Piece p = piece(g, g.x(), g.x() + g.w(), classify);
        if (p != null) own.add(p);
      }
      if (own.size() < AGREE) continue;
      addDistinct(out, join(cut, own, other, true));
      addDistinct(out, join(cut, own, other, false));
    }
    return out;
  }

  /** The cut joined with the re-cut's pieces beyond its right ({@code right}) or left end, or null. */
  private static Join join(CharBand cut, List<Piece> own, List<Piece> other, boolean right) {
    int n = own.size();
    Piece end = right ? own.get(n - 1) : own.get(0);
    // The re-cut's piece over the cut's end character, then the pieces before it must agree.
    int at = -1;
    for (int j = 0; j < other.size(); j++) {
      if (inside(other.get(j), end)) at = j;
    }
    if (at < 0) return null;
    int step = right ? -1 : 1;
    for (int m = 0; m < AGREE; m++) {
      int j = at + m * step;
      Piece mine = own.get(right ? n - 1 - m : m);
      if (j < 0 || j >= other.size() || !inside(other.get(j), mine) || !same(other.get(j).best(), mine.best())) return null;
    }
    List<Piece> added = new ArrayList<>();
    for (int j = at - step; j >= 0 && j < other.size() && added.size() < MAX_ADDED; j -= step) {
      Piece p = other.get(j);
      if (right ? p.cx() <= end.x1() : p.cx() >= end.x0()) break;
      added.add(p);
    }
    if (added.isEmpty()) return null;
    // The first added character must stand where the row's next one would: a character's pitch
    // beyond the end (a sticker, a bolt or a frame's print further out is no part of the row).
    double pitch = pitch(own), pitches = Math.abs(added.getFirst().cx() - end.cx()) / pitch;
    if (!(pitches >= MIN_STEP && pitches <= MAX_STEP)) return null;
    List<CharBand.Glyph> glyphs = new ArrayList<>();
    if (!right) {
      for (int k = added.size() - 1; k >= 0; k--) glyphs.add(added.get(k).glyph());
    }
    own.forEach(p -> glyphs.add(p.glyph()));
    if (right) {
      added.forEach(p -> glyphs.add(p.glyph()));
    }
    double hh = cut.meanHeight();
    double x0 = (right ? own.get(0).x0() : added.getLast().x0()) - BandStrip.MARGIN * hh;
    double x1 = (right ? added.getLast().x1() : own.get(n - 1).x1()) + BandStrip.MARGIN * hh;
    StripInput.Row extent = new StripInput.Row(x0, x1, cut.centreY(x0), cut.slope(), hh);
    return new Join(cut, new CharBand(glyphs, cut.score(), cut.darkText()), right ? 0 : added.size(), right ? added.size() : 0, extent, pitches);
  }

  /** The median distance between neighbouring characters' centres. */
  private static double pitch(List<Piece> own) {
    double[] d = new double[own.size() - 1];
    for (int i = 0; i + 1 < own.size(); i++) d[i] = own.get(i + 1).cx() - own.get(i).cx();
    java.util.Arrays.sort(d);
    return d[d.length / 2];
  }

  private static Piece piece(CharBand.Glyph g, double x0, double x1, Function<CharBand.Glyph, float[]> classify) {
    float[] p = classify.apply(g);
    if (p[GlyphAlphabet.REJECT] > REJECT_ABOVE) return null;
    int c = 0;
    for (int k = 1; k < GlyphAlphabet.REJECT; k++) {
      if (p[k] > p[c]) c = k;
    }
    return new Piece(g, x0, x1, GlyphAlphabet.character(c));
  }

  /** Whether the re-cut's piece is centred over the cut's piece. */
  private static boolean inside(Piece other, Piece mine) {
    return other.cx() >= mine.x0() && other.cx() <= mine.x1();
  }

  private static boolean same(char a, char b) {
    return a == b || (a == 'O' || a == '0') && (b == 'O' || b == '0');
  }

  private static void addDistinct(List<Join> out, Join j) {
    if (j != null && out.stream().noneMatch(o -> o.row().glyphs().equals(j.row().glyphs()))) {
      out.add(j);
    }
  }
}
