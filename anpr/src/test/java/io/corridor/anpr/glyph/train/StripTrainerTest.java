package io.corridor.anpr.glyph.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.bench.FoldSplit;
import io.corridor.anpr.strip.StripNet;
import io.corridor.testkit.PlateImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StripTrainerTest {

  @TempDir
  Path dir;

  private static final String[] PLATES = {"KA731PE", "BT220NX", "ZG4415C", "ST108AB"};

  /** A benchmark folder of the shared sets' layout (photographs only), with rendered plates. */
  private Path bench() throws IOException {
    Path root = dir.resolve("bench");
    for (String set : RealCharacters.SETS) Files.createDirectories(root.resolve(set));
    for (int i = 0; i < PLATES.length; i++) {
      String set = i % 2 == 0 ? "eu" : "us";
      Files.write(root.resolve(set).resolve("p" + i + ".png"), PlateImages.plate(PLATES[i], 170, 200, 300, 46));
      Files.writeString(root.resolve(set).resolve("p" + i + ".txt"), "p" + i + ".png\t170\t200\t300\t46\t" + PLATES[i] + "\n");
    }
    Files.writeString(root.resolve("us-crops/labels.csv"), "");
    return root;
  }

  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  /** One epoch of 64 strips on two threads; the network's bytes. */
  private byte[] train(Path real, long seed, String name, Path init) throws Exception {
    StripTrainer.Config config = new StripTrainer.Config(1, 64, seed, 2, dir.resolve(name), init, real, 0.5, null, 1e-3, true, StripNet.defaultChannels(), StripNet.HIDDEN_UNITS);
    StripTrainer.train(config, QUIET);
    return Files.readAllBytes(config.out());
  }

  @Test
  void trainingOnRenderedRowsIsDeterministicForASeed() throws Exception {
    byte[] a = train(null, 3, "a.csn", null), b = train(null, 3, "b.csn", null), c = train(null, 4, "c.csn", null);
    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void fineTuningOnRealRowsIsDeterministicAndChangesTheNetwork() throws Exception {
    Path real = bench();
    Path init = dir.resolve("init.csn");
    Files.write(init, train(null, 5, "init.csn", null));
    byte[] a = train(real, 6, "r1.csn", init), b = train(real, 6, "r2.csn", init);
    assertThat(a).isEqualTo(b).isNotEqualTo(Files.readAllBytes(init));
  }

  @Test
  void theRowsOfEveryLabelledPlateAreCutAndAFoldLeavesItsPlatesOut() throws Exception {
    RealStrips.Loaded all = RealStrips.load(bench());
    // The rendered photographs are not all found by the row finder; most are, and only labelled texts come out.
    assertThat(all.strips().stream().map(RealStrips.Strip::plate).distinct().count()).isGreaterThanOrEqualTo(2);
    assertThat(all.strips()).extracting(RealStrips.Strip::plate).isSubsetOf(PLATES);
    assertThat(all.strips()).allSatisfy(s -> assertThat(s.label()).hasSize(7));
    FoldSplit split = new FoldSplit(2, 1);
    int heldOut = split.foldOf(PLATES[0]);
    Path out = dir.resolve("fold{fold}.csn");
    StripTrainer.train(new StripTrainer.Config(1, 32, 1, 1, out, null, bench(), 0.5, FoldSplit.Selection.parse("all/2", 1), 1e-3, true, StripNet.defaultChannels(), StripNet.HIDDEN_UNITS),
        QUIET);
    assertThat(dir.resolve("fold1.csn")).exists();
    assertThat(dir.resolve("fold2.csn")).exists();
    assertThat(Files.readAllBytes(dir.resolve("fold1.csn"))).isNotEqualTo(Files.readAllBytes(dir.resolve("fold2.csn")));
    assertThat(StripTrainer.outside(all.strips(), split, heldOut)).isNotEmpty()
        .allSatisfy(s -> assertThat(split.foldOf(s.plate())).isNotEqualTo(heldOut));
    assertThat(StripTrainer.outside(all.strips(), split, -1)).hasSameSizeAs(all.strips());
  }
}
