package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.glyph.GlyphAlphabet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReadingJoinTest {

  /** Glyph height, width and pitch of the rows as found, in image pixels. */
  private static final int H = 20, W = 8, PITCH = 10, X0 = 100, Y = 50;

  /** The network's answer for a test glyph: the character its first grey byte names, sure. */
  private static final Function<CharBand.Glyph, float[]> NETWORK = g -> {
    float[] p = new float[GlyphAlphabet.REJECT + 1];
    int c = g.gray()[0];
    p[c] = 0.9f;
    p[c == 0 ? 1 : 0] = 0.1f;
    return p;
  };

  private static CharBand.Glyph glyph(char c, int x, int y, int w, int h) {
    byte[] gray = new byte[w * h];
    gray[0] = (byte) GlyphAlphabet.CHARACTERS.indexOf(c);
    return new CharBand.Glyph(x, y, w, h, new boolean[w * h], gray);
  }

  /** A row as found: {@code text} at positions {@code slots} (in pitches from {@link #X0}); '.' for none. */
  private static CharBand found(String text) {
    List<CharBand.Glyph> glyphs = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != '.') glyphs.add(glyph(text.charAt(i), X0 + i * PITCH, Y, W, H));
    }
    return new CharBand(glyphs, 1, true);
  }

  /** The re-cut of {@code row} reading {@code text} at the same pitch, in the re-cut's strip coordinates. */
  private static CharBand recut(CharBand row, String text) {
    double[] map = BandResegmenter.stripToImage(row);
    List<CharBand.Glyph> glyphs = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '.') continue;
      int u = (int) Math.round((X0 + i * PITCH - map[0]) * map[1]);
      glyphs.add(glyph(text.charAt(i), u, 10, (int) Math.round(W * map[1]), BandResegmenter.GLYPH_HEIGHT));
    }
    return new CharBand(glyphs, 1, true);
  }

  private static String text(CharBand row) {
    StringBuilder s = new StringBuilder();
    row.glyphs().forEach(g -> s.append(GlyphAlphabet.CHARACTERS.charAt(g.gray()[0])));
    return s.toString();
  }

  @Test
  void theRecutsCharacterBeyondTheRowsEndJoinsWhereBothAgreeBeforeIt() {
    // BY649A as found, the G lost; the re-cut lost the B and the 6 but has the G.
    CharBand row = found("BY649A");
    List<ReadingJoin.Join> joins = ReadingJoin.of(List.of(row), row, recut(row, ".Y.49AG"), NETWORK);
    assertThat(joins).hasSize(1);
    ReadingJoin.Join j = joins.getFirst();
    assertThat(text(j.row())).isEqualTo("BY649AG");
    assertThat(j.addedRight()).isEqualTo(1);
    assertThat(j.addedLeft()).isZero();
    assertThat(j.cut()).isSameAs(row);
    // Every character of the joined row is one of the two cuts' own pieces.
    assertThat(j.row().glyphs().subList(0, 6)).isEqualTo(row.glyphs());
    // The strip looks at the joined row: to the added character's right edge and a margin.
    assertThat(j.extent().x1()).isGreaterThan(row.right() + PITCH - 1);
  }

  @Test
  void aCharacterBeforeTheRowsStartJoinsOnTheLeft() {
    CharBand row = found(".NW252");
    List<ReadingJoin.Join> joins = ReadingJoin.of(List.of(row), row, recut(row, "ANW2"), NETWORK);
    assertThat(joins).singleElement().satisfies(j -> {
      assertThat(text(j.row())).isEqualTo("ANW252");
      assertThat(j.addedLeft()).isEqualTo(1);
    });
  }

  @Test
  void noJoinWhereTheCutsDisagreeBeforeTheEnd() {
    CharBand row = found("BY649A");
    assertThat(ReadingJoin.of(List.of(row), row, recut(row, ".Y.48AG"), NETWORK)).isEmpty();
    assertThat(ReadingJoin.of(List.of(row), row, recut(row, ".Y.49BG"), NETWORK)).isEmpty();
  }

  @Test
  void noJoinWithAPieceFarBeyondTheRow() {
    // A sticker three pitches beyond the last character is no part of the row.
    CharBand row = found("5RIN962");
    assertThat(ReadingJoin.of(List.of(row), row, recut(row, "5RIN962..M"), NETWORK)).isEmpty();
  }

  @Test
  void noJoinWhereTheRecutAddsNothingOrThereIsNoRecut() {
    CharBand row = found("BY649AG");
    assertThat(ReadingJoin.of(List.of(row), row, recut(row, "BY649AG"), NETWORK)).isEmpty();
    assertThat(ReadingJoin.of(List.of(row), row, null, NETWORK)).isEmpty();
  }

  @Test
  void theSameJoinFromTwoCutsIsGivenOnce() {
    CharBand row = found("BY649A");
    List<CharBand> cuts = Arrays.asList(row, null, new CharBand(row.glyphs(), 1, true));
    assertThat(ReadingJoin.of(cuts, row, recut(row, ".Y.49AG"), NETWORK)).hasSize(1);
  }

  @Test
  void aJoinedRowIsReadLikeAnyOtherOnlyInTheWindowsThatHoldTheAddedCharacter() {
    CharBand row = found("BY649A");
    ReadingJoin.Join j = ReadingJoin.of(List.of(row), row, recut(row, ".Y.49AG"), NETWORK).getFirst();
    // The reader sees the network's answers for the joined row's own pieces (cached, so no network is needed).
    java.util.Map<BandReader.GlyphKey, float[]> seen = new java.util.HashMap<>();
    j.row().glyphs().forEach(g -> seen.put(new BandReader.GlyphKey(g.gray(), g.w(), g.h(), true), NETWORK.apply(g)));
    List<BandReader.Reading> readings = new BandReader(null).read(j.row(), null, seen, j.addedLeft(), j.addedRight());
    // Readings without the added character are the row's own, not the join's.
    assertThat(readings.getFirst().text()).isEqualTo("BY649AG");
    assertThat(readings).extracting(BandReader.Reading::text).doesNotContain("BY649A", "Y649A", "BY649");
  }

  @Test
  void aJoinedRowsReadingIsPlacedOverTheCharactersItReadsInTheImage() {
    CharBand row = found("BY649A");
    CharBand recut = recut(row, ".Y.49AG");
    ReadingJoin.Join j = ReadingJoin.of(List.of(row), row, recut, NETWORK).getFirst();
    java.util.Map<BandReader.GlyphKey, float[]> seen = new java.util.HashMap<>();
    j.row().glyphs().forEach(g -> seen.put(new BandReader.GlyphKey(g.gray(), g.w(), g.h(), true), NETWORK.apply(g)));
    BandReader.Reading best = new BandReader(null)
        .read(j.row(), null, seen, j.addedLeft(), j.addedRight(), BuiltinRecognizer.places(row, recut)).getFirst();
    assertThat(best.text()).isEqualTo("BY649AG");
    // From the row's first piece to the re-cut's G, seven pitches on: its strip place mapped back.
    assertThat(best.span().left()).isEqualTo(X0);
    assertThat(best.span().right()).isCloseTo(X0 + 6 * PITCH + W, org.assertj.core.api.Assertions.within(1.0));
    // Without the mapping the G's strip coordinates would place it elsewhere.
    BandReader.Reading unmapped = new BandReader(null).read(j.row(), null, seen, j.addedLeft(), j.addedRight()).getFirst();
    assertThat(Math.abs(unmapped.span().right() - best.span().right())).isGreaterThan(5.0);
  }

  @Test
  void aReadingWithoutAnEndPieceSpansOnlyThePiecesItReads() {
    CharBand row = found("BY649AG");
    java.util.Map<BandReader.GlyphKey, float[]> seen = new java.util.HashMap<>();
    row.glyphs().forEach(g -> seen.put(new BandReader.GlyphKey(g.gray(), g.w(), g.h(), true), NETWORK.apply(g)));
    BandReader.Reading trimmed = new BandReader(null).read(row, null, seen).stream()
        .filter(r -> r.text().equals("BY649A")).findFirst().orElseThrow();
    assertThat(trimmed.span().left()).isEqualTo(X0);
    assertThat(trimmed.span().right()).isEqualTo(X0 + 5 * PITCH + W);
  }
}
