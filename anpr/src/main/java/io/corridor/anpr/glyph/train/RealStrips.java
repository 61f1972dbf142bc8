package io.corridor.anpr.glyph.train;

import io.corridor.anpr.bench.AnprBench;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.builtin.PlateStripExtractor;
import io.corridor.anpr.glyph.GlyphAlphabet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real labelled strips for the strip reader's training, cut from the shared benchmark's real
 * plates ({@link RealCharacters#SETS}) by {@link PlateStripExtractor}, read where they lie (never
 * copied into the repository). Every plate is cut once; a fold's training takes the strips of the
 * plates outside it ({@link io.corridor.anpr.bench.FoldSplit} by plate text).
 */
final class RealStrips {

  /** One strip and its plate's text (for the fold split) and class indices. */
  record Strip(String plate, float[] input, int[] label) {}

  /** The strips in a deterministic order, and per set: plates read and plates that gave a row. */
  record Loaded(List<Strip> strips, List<String> counts) {}

  private RealStrips() {}

  static Loaded load(Path root) throws IOException {
    PlateStripExtractor extractor = new PlateStripExtractor();
    List<Strip> strips = new ArrayList<>();
    List<String> counts = new ArrayList<>();
    for (String set : RealCharacters.SETS) {
      Path dir = root.resolve(set);
      if (!Files.isDirectory(dir)) {
        throw new NoSuchFileException(dir.toString(), null,
            "real training data missing: expected the shared benchmark sets " + RealCharacters.SETS + " under " + root.toAbsolutePath());
      }
      int plates = 0, used = 0;
      for (BenchLabel label : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
        plates++;
        List<float[]> cut;
        try {
          cut = extractor.extract(Files.readAllBytes(dir.resolve(label.file())), label.box(), label.plate());
        } catch (RuntimeException ex) {
          System.err.println(set + "/" + label.file() + ": not used: " + ex.getMessage());
          continue;
        }
        int[] classes = classes(label.plate());
        if (classes == null || cut.isEmpty()) {
          continue;
        }
        used++;
        for (float[] s : cut) strips.add(new Strip(label.plate(), s, classes));
      }
      counts.add(set + " " + used + " of " + plates + " plates gave a row");
    }
    return new Loaded(List.copyOf(strips), List.copyOf(counts));
  }

  /** The text's class indices, or null when it holds a character outside the alphabet. */
  static int[] classes(String text) {
    int[] out = new int[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = GlyphAlphabet.CHARACTERS.indexOf(text.charAt(i));
      if (out[i] < 0) return null;
    }
    return out.length == 0 ? null : out;
  }
}
