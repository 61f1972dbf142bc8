package io.corridor.anpr.glyph.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.anpr.bench.FoldSplit;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.testkit.PlateImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlyphTrainerTest {

  private static final String[] PLATES = {"AB123CD", "KT482BG", "NS771ZX", "BG904MM"};

  @TempDir
  Path dir;

  /** A benchmark folder of the shared sets' layout, with rendered plates in place of the real ones. */
  private Path bench() throws IOException {
    Path root = dir.resolve("bench");
    Files.createDirectories(root.resolve("us-crops"));
    Files.createDirectories(root.resolve("eu"));
    Files.createDirectories(root.resolve("us"));
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < PLATES.length; i++) {
      byte[] photo = PlateImages.plate(PLATES[i], 170, 200, 300, 46);
      String set = i % 2 == 0 ? "eu" : "us";
      Files.write(root.resolve(set).resolve("p" + i + ".png"), photo);
      Files.writeString(root.resolve(set).resolve("p" + i + ".txt"), "p" + i + ".png\t170\t200\t300\t46\t" + PLATES[i] + "\n");
      Files.write(root.resolve("us-crops").resolve("c" + i + ".png"), crop(photo, 160, 190, 320, 66));
      csv.append("c").append(i).append(".png,xx,").append(PLATES[i]).append('\n');
    }
    Files.writeString(root.resolve("us-crops/labels.csv"), csv);
    return root;
  }

  private byte[] train(Path real, long seed, String name) throws Exception {
    Path out = dir.resolve(name);
    GlyphTrainer.train(new GlyphTrainer.Config(1, 128, seed, 1, out, null, real, 0.5, null, 5e-4),
        new PrintStream(new ByteArrayOutputStream()));
    return Files.readAllBytes(out);
  }

  @Test
  void trainingOnRealAndSyntheticCharactersIsDeterministicForASeed() throws Exception {
    Path real = bench();
    byte[] a = train(real, 3, "a.cgn"), b = train(real, 3, "b.cgn"), c = train(real, 4, "c.cgn");
    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
    assertThat(a).as("fine-tuned, not the synthetic-only network unchanged").isNotEqualTo(
        GlyphClassifier.class.getResourceAsStream(GlyphClassifier.SYNTHETIC_RESOURCE).readAllBytes());
  }

  @Test
  void syntheticOnlyTrainingIsDeterministicForASeed() throws Exception {
    assertThat(train(null, 5, "s1.cgn")).isEqualTo(train(null, 5, "s2.cgn"));
  }

  @Test
  void theHeldOutFoldsPlatesAreNotCut() throws Exception {
    Path real = bench();
    GlyphClassifier aligner = new GlyphClassifier(GlyphClassifier.network(GlyphClassifier.SYNTHETIC_RESOURCE));
    FoldSplit split = new FoldSplit(2, 1);
    RealCharacters.Loaded all = RealCharacters.load(real, split, -1, aligner);
    assertThat(all.counts()).extracting(RealCharacters.SetCount::plates).containsExactly(4, 2, 2);
    assertThat(all.counts()).allSatisfy(c -> assertThat(c.aligned()).isEqualTo(c.plates()));
    int heldOut = split.foldOf(PLATES[0]);
    long kept = java.util.Arrays.stream(PLATES).filter(p -> split.foldOf(p) != heldOut).count();
    RealCharacters.Loaded fold = RealCharacters.load(real, split, heldOut, aligner);
    assertThat(fold.counts().getFirst().plates()).isEqualTo((int) kept);
    assertThat(fold.samples().size()).isLessThan(all.samples().size());
  }

  @Test
  void missingRealDataIsAClearError() {
    assertThatThrownBy(() -> RealCharacters.load(dir.resolve("nowhere"), FoldSplit.DEFAULT, -1,
        new GlyphClassifier(GlyphClassifier.network(GlyphClassifier.SYNTHETIC_RESOURCE))))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("real training data missing");
  }

  private static byte[] crop(byte[] png, int x, int y, int w, int h) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img.getSubimage(x, y, w, h), "png", out);
    return out.toByteArray();
  }
}
