package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.bench.AnprBench;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.bench.FoldSplit;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.glyph.GlyphNet;
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
import org.bytedeco.opencv.global.opencv_core;

/**
 * For every photo of a set, the best plate's box against the labelled one, each held out in its
 * own fold: IoU and each side's offset in labelled plate heights (positive: the box reaches
 * further out than the label), with the row's margins as {@link PlateExtent} found them. Shows
 * whether missed boxes are too tight or too wide, and on which side. Not a test: run by hand
 * (docs/benchmarks.md, "US plate boxes around the characters read"):
 *
 * <pre>java -Dmodel='fold{fold}.cgn' -Dverifier='rv{fold}.txt' -Dstrip='strip{fold}.csn' \
 *   -cp "anpr/target/test-classes:anpr/target/classes:$(cat cp.txt)" io.corridor.anpr.builtin.BoxTrace DIR OUT.tsv</pre>
 */
public final class BoxTrace {

  private BoxTrace() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    BuiltinRecognizer.loadNatives();
    opencv_core.setNumThreads(1);
    String model = System.getProperty("model"), verifierSpec = System.getProperty("verifier"), strip = System.getProperty("strip");
    BuiltinRecognizer[] engines = new BuiltinRecognizer[FoldSplit.DEFAULT.folds()];
    List<double[]> rows = new ArrayList<>();
    for (int f = 0; f < engines.length; f++) {
      String fold = Integer.toString(f + 1);
      RowVerifier v = StageTrace.read(verifierSpec.replace("{fold}", fold));
      GlyphClassifier classifier;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(model.replace("{fold}", fold))))) {
        classifier = new GlyphClassifier(GlyphNet.read(in));
      }
      engines[f] = BuiltinRecognizer.open(classifier, v, (features, corners, text) -> {
        Box b = Box.around(corners);
        rows.add(new double[] {b.x(), b.y(), b.width(), b.height(), features[9] * PlateExtent.MAX_VERTICAL,
            features[10] * PlateExtent.MAX_VERTICAL, features[11] * PlateExtent.MAX_SIDE, features[12] * PlateExtent.MAX_SIDE});
      }).withStrip(StripReader.load(Path.of(strip.replace("{fold}", fold))), BuiltinRecognizer.SHIPPED_STRIP_MODE);
    }
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
      out.println("file\tlabel\ttop1\tiou\tleft\tright\ttop\tbottom\tlabW/H\tboxW/H\tmUp\tmDown\tmLeft\tmRight\tbox\tlabelled");
      for (BenchLabel label : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
        byte[] bytes = Files.readAllBytes(dir.resolve(label.file()));
        int fold = FoldSplit.DEFAULT.foldOf(label.plate());
        var info = new ImageProbe().probe(bytes);
        Box lab = label.boxIn(info.width(), info.height());
        rows.clear();
        RecognitionResult result = engines[fold].recognize(bytes, RecognitionHints.none());
        if (result.plates().isEmpty()) {
          out.printf(Locale.ROOT, "%s\t%s\t\t0%n", label.file(), label.plate());
          continue;
        }
        Box b = Box.around(result.plates().getFirst().corners());
        // The row the plate was read from: the sink sees the row's own box, the plate may lie around
        // the characters its reading rests on, so the row whose box overlaps the plate's most.
        double[] m = rows.stream().max(java.util.Comparator.comparingDouble(
            r -> new Box((int) r[0], (int) r[1], (int) Math.max(1, r[2]), (int) Math.max(1, r[3])).iou(b))).orElse(new double[8]);
        double h = lab.height();
        out.printf(Locale.ROOT, "%s\t%s\t%s\t%.3f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%d,%d,%d,%d\t%d,%d,%d,%d%n", label.file(),
            label.plate(), BenchLabel.normalize(result.plates().getFirst().text()), b.iou(lab), (lab.x() - b.x()) / h,
            (b.x() + b.width() - lab.x() - lab.width()) / h, (lab.y() - b.y()) / h, (b.y() + b.height() - lab.y() - lab.height()) / h,
            (double) lab.width() / lab.height(), (double) b.width() / b.height(), m[4], m[5], m[6], m[7], b.x(), b.y(), b.width(), b.height(), lab.x(), lab.y(), lab.width(), lab.height());
      }
    }
  }
}
