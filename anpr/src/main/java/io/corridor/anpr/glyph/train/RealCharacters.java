package io.corridor.anpr.glyph.train;

import io.corridor.anpr.bench.AnprBench;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.bench.FoldSplit;
import io.corridor.anpr.builtin.PlateGlyphExtractor;
import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.glyph.GlyphClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real labelled characters for training, cut from the shared benchmark's real plates by
 * {@link PlateGlyphExtractor}: the cropped plates ({@code us-crops/}) and the labelled plate boxes
 * of the photographs ({@code eu/}, {@code us/}). The images are read where they lie (they are
 * AGPL and never copied into the repository). Plates of the held-out fold are skipped, so a fold's
 * network never sees the plates it is measured on.
 */
public final class RealCharacters {

  /** The sets read, in this order, from the benchmark folder. */
  public static final List<String> SETS = List.of("us-crops", "eu", "us");

  /** What one set gave: plates used (not held out), plates aligned, characters and reject pieces cut. */
  public record SetCount(String set, int plates, int aligned, int characters, int rejects) {}

  /** The training samples, in a deterministic order, and the counts per set. */
  public record Loaded(List<PlateGlyphExtractor.Sample> samples, List<SetCount> counts) {}

  private RealCharacters() {}

  /**
   * @param root the benchmark folder holding {@link #SETS}
   * @param split the fold split
   * @param heldOut the fold left out (from 0), or -1 to use every plate
   * @throws NoSuchFileException the folder or one of its sets is missing
   */
  public static Loaded load(Path root, FoldSplit split, int heldOut, GlyphClassifier aligner) throws IOException {
    for (String set : SETS) {
      if (!Files.isDirectory(root.resolve(set))) {
        throw new NoSuchFileException(root.resolve(set).toString(), null,
            "real training data missing: expected the shared benchmark sets " + SETS + " under " + root.toAbsolutePath());
      }
    }
    PlateGlyphExtractor extractor = new PlateGlyphExtractor(aligner);
    List<PlateGlyphExtractor.Sample> samples = new ArrayList<>();
    List<SetCount> counts = new ArrayList<>();
    for (String set : SETS) {
      Path dir = root.resolve(set);
      int plates = 0, aligned = 0, chars = 0, rejects = 0;
      for (BenchLabel label : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
        if (heldOut >= 0 && split.foldOf(label.plate()) == heldOut) {
          continue;
        }
        plates++;
        PlateGlyphExtractor.Extraction e;
        try {
          e = extractor.extract(Files.readAllBytes(dir.resolve(label.file())), label.box(), label.plate());
        } catch (RuntimeException ex) {
          System.err.println(set + "/" + label.file() + ": not used: " + ex.getMessage());
          continue;
        }
        if (e.aligned()) {
          aligned++;
        }
        for (PlateGlyphExtractor.Sample s : e.samples()) {
          if (s.label() == GlyphAlphabet.REJECT) rejects++; else chars++;
        }
        samples.addAll(e.samples());
      }
      counts.add(new SetCount(set, plates, aligned, chars, rejects));
    }
    return new Loaded(List.copyOf(samples), List.copyOf(counts));
  }
}
