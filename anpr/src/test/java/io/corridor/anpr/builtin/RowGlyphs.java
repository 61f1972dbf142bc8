package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;
import io.corridor.anpr.bench.AnprBench;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.glyph.GlyphNet;
import io.corridor.anpr.image.ImageProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Prints, for the named photos (by file or label), every row of the usual and frame-cut passes
 * that lies over the labelled plate, glyph by glyph (the network's best character and its
 * probability, "#" for "not a character", box x, width, height), its best reading, and the row as
 * {@link RowRepair} mends it: where a row was cut wrong. By hand only; {@code -Dmodel=FILE} reads
 * with another character network (a fold's).
 */
public final class RowGlyphs {

  private RowGlyphs() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Set<String> wanted = Set.copyOf(List.of(args).subList(1, args.length));
    String model = System.getProperty("model");
    GlyphClassifier classifier = GlyphClassifier.shipped();
    if (model != null) {
      try (var in = new java.io.BufferedInputStream(Files.newInputStream(Path.of(model)))) {
        classifier = new GlyphClassifier(GlyphNet.read(in));
      }
    }
    BandReader reader = new BandReader(classifier);
    BuiltinRecognizer.loadNatives();
    for (BenchLabel label : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
      if (!wanted.contains(label.file()) && !wanted.contains(label.plate())) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(dir.resolve(label.file()));
      var info = new ImageProbe().probe(bytes);
      try (PointerScope scope = new PointerScope()) {
        Mat gray = BuiltinRecognizer.decode(bytes, info);
        double scale = BuiltinRecognizer.scaleOf(gray);
        Mat small = BuiltinRecognizer.scaled(gray, scale);
        byte[] pixels = BuiltinRecognizer.pixels(small);
        Box box = label.boxIn(info.width(), info.height());
        Box plate = new Box((int) (box.x() * scale), (int) (box.y() * scale), (int) Math.max(1, box.width() * scale),
            (int) Math.max(1, box.height() * scale));
        System.out.println(label.file() + " " + label.plate());
        List<CharBand> rows = new ArrayList<>(BuiltinRecognizer.findBands(small, pixels, 0, 2));
        rows.addAll(BuiltinRecognizer.findBands(small, pixels, 0, 1, true));
        Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
        for (CharBand row : rows) {
          int top = row.glyphs().stream().mapToInt(CharBand.Glyph::y).min().orElse(0);
          int bottom = row.glyphs().stream().mapToInt(g -> g.y() + g.h()).max().orElse(0);
          if (new Box(row.left(), top, Math.max(1, row.right() - row.left()), Math.max(1, bottom - top)).overlapOfSmaller(plate) < 0.6) {
            continue;
          }
          System.out.println("  " + describe(row, reader, seen));
          CharBand mended = RowRepair.repair(row, pixels, small.cols(), small.rows(), g -> reader.classify(g, row.darkText(), seen));
          if (mended != null) {
            System.out.println("    mended " + describe(mended, reader, seen));
          }
        }
      }
    }
  }

  /** Each glyph of {@code row} as its best class, probability and place: {@code A0.97[x12 w9 h20]}. */
  static String describe(CharBand row, BandReader reader, Map<BandReader.GlyphKey, float[]> seen) {
    StringBuilder s = new StringBuilder();
    for (CharBand.Glyph g : row.glyphs()) {
      float[] p = reader.classify(g, row.darkText(), seen);
      int c = 0;
      for (int k = 1; k < p.length; k++) {
        if (p[k] > p[c]) c = k;
      }
      s.append(String.format(" %c%.2f[x%d w%d h%d]", c == GlyphAlphabet.REJECT ? '#' : GlyphAlphabet.character(c), p[c], g.x(), g.w(), g.h()));
    }
    List<BandReader.Reading> readings = reader.read(row, null, seen);
    return s.append(" -> ").append(readings.isEmpty() ? "-" : readings.getFirst().text()).toString();
  }
}
