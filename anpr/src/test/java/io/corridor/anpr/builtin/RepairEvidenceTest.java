package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepairEvidenceTest {

  private static CharBand.Glyph glyph(int x) {
    return new CharBand.Glyph(x, 0, 8, 20, new boolean[160], new byte[160]);
  }

  @Test
  void eachPieceTheRowAsFoundDidNotHoldIsCounted() {
    List<CharBand.Glyph> glyphs = new ArrayList<>();
    for (int i = 0; i < 6; i++) glyphs.add(glyph(10 * i));
    CharBand found = new CharBand(glyphs, 1, true);
    // The third member, a glued pair, cut into two pieces: two pieces the row did not hold.
    List<CharBand.Glyph> mended = new ArrayList<>(glyphs);
    mended.remove(2);
    mended.add(2, glyph(20));
    mended.add(3, glyph(24));
    assertThat(RepairEvidence.mendedPieces(found, new CharBand(mended, 1, true))).isEqualTo(2);
    assertThat(RepairEvidence.mendedPieces(found, new CharBand(List.copyOf(glyphs), 1, true))).isZero();
  }

  @Test
  void onlyTheEvidenceIsChargedNotTheRankOrTheCutsConfidence() {
    BandReader.Reading r = new BandReader.Reading("7ABC123", 0.8, null, false, 0.7, 0.5);
    BandReader.Reading charged = RepairEvidence.charged(List.of(r), 2).getFirst();
    assertThat(charged.text()).isEqualTo("7ABC123");
    assertThat(charged.score()).isEqualTo(0.8);
    assertThat(charged.confidence()).isEqualTo(0.7);
    assertThat(charged.evidence()).isCloseTo(0.5 * StripEdits.UNREAD * StripEdits.UNREAD, within(1e-12));
    // Stored below the filter's 0.6 for a read that fits no country format, where the untouched reading was not.
    assertThat(r.stored(1.0)).isLessThan(0.6);
    assertThat(RepairEvidence.charged(List.of(r), 0).getFirst()).isEqualTo(r);
  }
}
