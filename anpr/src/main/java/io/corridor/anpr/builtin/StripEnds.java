package io.corridor.anpr.builtin;

import io.corridor.anpr.strip.StripInput;
import io.corridor.anpr.strip.StripReader;
import java.util.List;
import java.util.function.Function;

/**
 * Lets the strip reader add a character the cut dropped beyond an end of the row. The strip the
 * engine reads a row by ({@link BandStrip}) reaches {@value BandStrip#MARGIN} character heights
 * past the row's first and last pieces: about half of a character the row finder did not link
 * (glued to the frame, too faint for the threshold, a bolt beside it), so the strip cannot read
 * it surely. Here the strip reads the row once more, widened by one of the row's own character
 * pitches at each end, and {@link StripEdits} may add one character at an end from that view, by
 * the same rule and evidence as the strip's added character inside the row (the cut's text
 * vouches for the rest; the wider strip must be surer of the longer text than of the cut's), ranked
 * with {@link #RANK_CHARGE} for the added character.
 */
final class StripEnds {

  /**
   * What a character added from the wider view costs in the rank: the square root of {@link
   * StripEdits#UNREAD}, half its charge on the log scale, because the wider strip has the whole
   * character in view where the row's own strip has half of it at most. Its evidence, which the
   * store filter judges, is charged the full {@link StripEdits#UNREAD}: a read that rests on it is
   * stored no more readily than before.
   */
  static final double RANK_CHARGE = Math.sqrt(StripEdits.UNREAD);
  /** The pitch in character heights where a row's pieces give none (a row of one piece). */
  static final double DEFAULT_PITCH = 0.75;

  private StripEnds() {}

  /** The row's strip widened by one character pitch beyond {@link BandStrip}'s margin at each end. */
  static StripInput.Row row(CharBand band) {
    double hh = band.meanHeight();
    RowEndProbe.Shape shape = band.glyphs().size() < 2 ? null : RowEndProbe.Shape.of(band);
    double pitch = shape == null ? DEFAULT_PITCH * hh : shape.pitch();
    double reach = BandStrip.MARGIN * hh + pitch;
    double x0 = band.left() - reach, x1 = band.right() + reach;
    return new StripInput.Row(x0, x1, band.centreY(x0), band.slope(), hh);
  }

  /**
   * The readings with a character added at an end, best first (often none).
   *
   * @param ranked the row's readings, re-ranked by the strip, best first
   * @param extent the row whose strip the re-rank read (the fullest cut)
   * @param wide the strip's columns over {@link #row}{@code (extent)}
   * @param readText as {@link StripEdits#of}
   * @param sides the frame's sides beside the row ({@link FrameEdges}): no character is added at an end one closes
   */
  static List<BandReader.Reading> of(List<BandReader.Reading> ranked, CharBand extent, float[][] wide, StripReader reader,
      Function<String, List<BandReader.Reading>> readText, FrameEdges sides) {
    // FrameEdges.roomFor is atAnEnd at an end no frame's side closes (FrameEdges.NONE: at either end).
    return StripEdits.of(ranked, wide, t -> reader.perCharacter(wide, t), extent.glyphs().size(), readText, sides::roomFor,
        RANK_CHARGE);
  }

  /** Whether {@code longer} is {@code text} with one character before or after it. */
  static boolean atAnEnd(String text, String longer) {
    return longer.length() == text.length() + 1 && (longer.startsWith(text) || longer.endsWith(text));
  }
}
