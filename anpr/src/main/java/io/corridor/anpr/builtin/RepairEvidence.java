package io.corridor.anpr.builtin;

import java.util.List;

/**
 * What a reading of a mended row ({@link RowRepair}) says about the plate: the row as found did
 * not hold the mended pieces (a glued blob cut apart, two strokes joined, a character found in a
 * gap), so each of them is charged as the cut's reader charges a glyph it trims and {@link
 * StripEdits} a character the cut did not read ({@value #PER_PIECE} per piece). Only the evidence
 * the store filter judges ({@link BandReader.Reading#stored}) is charged: the reading ranks as
 * before, so what is read does not change, only whether a text that rests on a repair is stored
 * without a country's format to vouch for it.
 */
final class RepairEvidence {

  /** The charge per mended piece: {@link StripEdits#UNREAD}, the engine's charge for a glyph it did not read as found. */
  static final double PER_PIECE = StripEdits.UNREAD;

  private RepairEvidence() {}

  /** The pieces of {@code mended} that are no member of the row as found ({@code found}). */
  static int mendedPieces(CharBand found, CharBand mended) {
    return (int) mended.glyphs().stream().filter(g -> found.glyphs().stream().noneMatch(f -> f == g)).count();
  }

  /** The readings with their evidence charged {@value #PER_PIECE} for each of {@code pieces}. */
  static List<BandReader.Reading> charged(List<BandReader.Reading> readings, int pieces) {
    double factor = Math.pow(PER_PIECE, pieces);
    return readings.stream()
        .map(r -> r.withEvidence(r.evidence() * factor))
        .toList();
  }
}
