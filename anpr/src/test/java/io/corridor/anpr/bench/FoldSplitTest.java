package io.corridor.anpr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FoldSplitTest {

  private static String plate(int i) {
    return "P" + Integer.toString(i * 7919 + 13, 36).toUpperCase(java.util.Locale.ROOT);
  }

  @Test
  void theSameSeedPutsEveryPlateInTheSameFold() {
    FoldSplit a = new FoldSplit(5, 1), b = new FoldSplit(5, 1);
    for (int i = 0; i < 500; i++) {
      assertThat(a.foldOf(plate(i))).isEqualTo(b.foldOf(plate(i))).isBetween(0, 4);
    }
    // Pinned, so that a change of the hash (which would change every published held-out figure) is seen.
    assertThat(java.util.stream.Stream.of("FUW999", "RK878AC", "BG482KT", "6A5730A", "YG9X2G", "0SG719").map(a::foldOf))
        .containsExactly(0, 3, 2, 4, 0, 1);
  }

  @Test
  void anotherSeedIsAnotherSplit() {
    FoldSplit a = new FoldSplit(5, 1), b = new FoldSplit(5, 2);
    long differ = IntStream.range(0, 500).filter(i -> a.foldOf(plate(i)) != b.foldOf(plate(i))).count();
    assertThat(differ).isGreaterThan(300);
  }

  @Test
  void foldsAreOfSimilarSizeAndSeparatorsDoNotMatter() {
    FoldSplit split = FoldSplit.DEFAULT;
    int[] sizes = new int[5];
    for (int i = 0; i < 1000; i++) sizes[split.foldOf(plate(i))]++;
    assertThat(java.util.Arrays.stream(sizes).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(150, 250));
    assertThat(split.foldOf("BG 482-KT")).isEqualTo(split.foldOf("BG482KT"));
  }

  @Test
  void aFoldIsChosenAsIOfK() {
    assertThat(FoldSplit.Selection.parse("2/5", 3)).isEqualTo(new FoldSplit.Selection(new FoldSplit(5, 3), 1));
    assertThat(FoldSplit.Selection.parse("all/4", 1).fold()).isEqualTo(-1);
    assertThatThrownBy(() -> FoldSplit.Selection.parse("6/5", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FoldSplit.Selection.parse("2", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FoldSplit(1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
