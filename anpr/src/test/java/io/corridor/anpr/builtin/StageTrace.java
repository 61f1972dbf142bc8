package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.bench.AnprBench;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.bench.FoldSplit;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.glyph.GlyphNet;
import io.corridor.anpr.image.Components;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.anpr.strip.StripReader;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Where each labelled photo's plate is lost, stage by stage, with the networks and row verifier of
 * the photo's own fold: are its characters components at all (any threshold size, polarity or
 * frame cut the engine has), are they grouped into a row, is that row read, does the verifier keep
 * it, and is it the plate the engine answers first. Not a test: run by hand (docs/benchmarks.md,
 * "US photos with no usable row"), one TSV line per photo.
 *
 * <pre>java -Dmodel='fold{fold}.cgn' -Dverifier='rv{fold}.txt' -Dstrip='strip{fold}.csn' \
 *   -cp anpr/target/test-classes:anpr/target/classes:CP io.corridor.anpr.builtin.StageTrace DIR OUT.tsv</pre>
 */
public final class StageTrace {

  private StageTrace() {}

  /** A row is over the plate when this much of its box lies in the labelled box. */
  static final double OVER = 0.6;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    BuiltinRecognizer.loadNatives();
    opencv_core.setNumThreads(1);
    String model = System.getProperty("model"), verifierSpec = System.getProperty("verifier"), strip = System.getProperty("strip");
    BuiltinRecognizer[] engines = new BuiltinRecognizer[FoldSplit.DEFAULT.folds()];
    RowVerifier[] verifiers = new RowVerifier[engines.length];
    List<double[]> rows = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<double[]> featureRows = new ArrayList<>();
    for (int f = 0; f < engines.length; f++) {
      String fold = Integer.toString(f + 1);
      verifiers[f] = read(verifierSpec.replace("{fold}", fold));
      GlyphClassifier classifier;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(model.replace("{fold}", fold))))) {
        classifier = new GlyphClassifier(GlyphNet.read(in));
      }
      RowVerifier v = verifiers[f];
      engines[f] = BuiltinRecognizer.open(classifier, v, (features, corners, text) -> {
        rows.add(new double[] {Box.around(corners).x(), Box.around(corners).y(), Box.around(corners).width(),
            Box.around(corners).height(), v.probability(features)});
        texts.add(text);
        featureRows.add(features);
      })
          .withStrip(StripReader.load(Path.of(strip.replace("{fold}", fold))), BuiltinRecognizer.SHIPPED_STRIP_MODE);
    }
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
      out.println("file\tlabel\tlen\tboxH\tcomps\trowPieces\trowPass\trowRank\treadRows\treadMaxP\tkept\tbestIou\ttop1\tstage");
      for (BenchLabel label : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
        byte[] bytes = Files.readAllBytes(dir.resolve(label.file()));
        int fold = FoldSplit.DEFAULT.foldOf(label.plate());
        var info = new ImageProbe().probe(bytes);
        Box labelled = label.boxIn(info.width(), info.height());
        rows.clear();
        texts.clear();
        featureRows.clear();
        RecognitionResult result = engines[fold].recognize(bytes, RecognitionHints.none());
        int readOver = 0, kept = 0;
        double maxP = -1;
        StringBuilder detail = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
          double[] r = rows.get(k);
          Box b = new Box((int) r[0], (int) r[1], (int) Math.max(1, r[2]), (int) Math.max(1, r[3]));
          if (b.overlapOfSmaller(labelled) > OVER && b.iou(labelled) >= 0.2) {
            readOver++;
            maxP = Math.max(maxP, r[4]);
            kept += verifiers[fold].keeps(r[4]) ? 1 : 0;
            detail.append(String.format(Locale.ROOT, "   %-10s p=%.3f iou=%.2f %s%n", texts.get(k), r[4], b.iou(labelled),
                verifiers[fold].explain(featureRows.get(k))));
          }
        }
        double bestIou = result.plates().isEmpty() ? 0 : Box.around(result.plates().getFirst().corners()).iou(labelled);
        String top1 = result.plates().isEmpty() ? "" : BenchLabel.normalize(result.plates().getFirst().text());
        int comps, pieces, pass, rank;
        try (PointerScope scope = new PointerScope()) {
          Mat gray = BuiltinRecognizer.decode(bytes, info);
          double scale = BuiltinRecognizer.scaleOf(gray);
          Mat small = BuiltinRecognizer.scaled(gray, scale);
          Box box = new Box((int) (labelled.x() * scale), (int) (labelled.y() * scale), Math.max(1, (int) (labelled.width() * scale)),
              Math.max(1, (int) (labelled.height() * scale)));
          int[] found = rowsOver(small, box);
          comps = found[0];
          pieces = found[1];
          pass = found[2];
          rank = found[3];
        }
        int len = label.plate().length();
        String stage = stage(len, comps, pieces, readOver, result.plates().isEmpty() ? 0 : kept, bestIou);
        if (bestIou < 0.5) {
          System.out.println(label.file() + " " + label.plate() + " " + stage + "\n" + detail);
        }
        out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.2f\t%d\t%.2f\t%s\t%s%n", label.file(), label.plate(), len,
            labelled.height(), comps, pieces, pass, rank, readOver, maxP, kept, bestIou, top1, stage);
      }
    }
  }

  /**
   * The first stage at which the plate is lost, or "found". {@code kept} counts the rows over the
   * plate at or above the verifier's threshold; where nothing was answered at all they were the
   * last resort's, below its own threshold ({@link LastResortRows#PLATE_LIKE}): dropped.
   */
  static String stage(int len, int comps, int pieces, int readOver, int kept, double bestIou) {
    if (bestIou >= 0.5) {
      return "found";
    }
    if (kept > 0) {
      return bestIou > 0.2 ? "read-on-plate-box-off" : "kept-outranked";
    }
    if (readOver > 0) {
      return "read-dropped";
    }
    if (pieces >= len - 1) {
      return "row-not-read";
    }
    if (pieces > 0) {
      return "partial-row-not-read";
    }
    return comps >= len - 1 ? "components-not-grouped" : "no-components";
  }

  /** The passes the engine has: {block, offset, dark, cut horizontal, cut vertical, normalised}. */
  private static final int[][] PASSES = {
      {31, 12, 1, 0, 0, 0}, {31, 12, 0, 0, 0, 0}, {15, 5, 1, 0, 0, 0}, {15, 5, 0, 0, 0, 0},
      {31, 12, 1, 1, 0, 0}, {15, 5, 1, 1, 0, 0}, {31, 12, 1, 1, 1, 0}, {31, 12, 1, 1, 1, 1},
      {LastResortRows.SEPARATING[0], LastResortRows.SEPARATING[1], 1, 1, 1, 0}};

  /**
   * Over every pass: the most character-like components inside the box, the most pieces of a row
   * over it, the pass of that row and its rank in the pass's rows.
   */
  private static int[] rowsOver(Mat small, Box box) {
    Mat normalised = LocalContrast.normalised(small);
    byte[] px = BuiltinRecognizer.pixels(small), npx = BuiltinRecognizer.pixels(normalised);
    int w = small.cols(), h = small.rows();
    int bestComps = 0, bestPieces = 0, bestPass = -1, bestRank = -1;
    Binaries binaries = new Binaries();
    for (int p = 0; p < PASSES.length; p++) {
      int[] v = PASSES[p];
      Mat img = v[5] == 1 ? normalised : small;
      byte[] bin = binaries.of(img, v[0], v[1], v[2] == 1);
      if (v[3] == 1) {
        bin = bin.clone();
        FrameLineCutter.cut(bin, w, h, BuiltinRecognizer.FRAME_RUN, v[4] == 1 ? LastResortRows.FRAME_RUN_VERTICAL : Integer.MAX_VALUE);
      }
      Components c = Components.of(bin, w, h);
      int n = 0;
      for (int i = 1; i < c.count; i++) {
        int x = c.stats[i * Components.STATS], y = c.stats[i * Components.STATS + 1];
        int cw = c.stats[i * Components.STATS + 2], ch = c.stats[i * Components.STATS + 3];
        boolean inside = x >= box.x() && y >= box.y() && x + cw <= box.x() + box.width() && y + ch <= box.y() + box.height();
        if (inside && ch >= Math.max(7, 0.2 * box.height()) && ch <= 0.8 * box.height() && cw <= 0.3 * box.width() && cw * 5 > ch) {
          n++;
        }
      }
      bestComps = Math.max(bestComps, n);
      List<CharBand> bands = BuiltinRecognizer.bands(bin, w, h, v[5] == 1 ? npx : px, 7, v[2] == 1);
      for (int i = 0; i < bands.size(); i++) {
        CharBand b = bands.get(i);
        int top = b.glyphs().stream().mapToInt(CharBand.Glyph::y).min().orElse(0);
        int bottom = b.glyphs().stream().mapToInt(g -> g.y() + g.h()).max().orElse(0);
        Box rb = new Box(b.left(), top, Math.max(1, b.right() - b.left()), Math.max(1, bottom - top));
        if (rb.overlapOfSmaller(box) > OVER && b.glyphs().size() > bestPieces) {
          bestPieces = b.glyphs().size();
          bestPass = p;
          bestRank = i;
        }
      }
    }
    return new int[] {bestComps, bestPieces, bestPass, bestRank};
  }

  static RowVerifier read(String file) throws Exception {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(file)))) {
      return RowVerifier.read(in);
    }
  }
}
