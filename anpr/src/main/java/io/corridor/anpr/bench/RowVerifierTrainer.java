package io.corridor.anpr.bench;

import io.corridor.anpr.Box;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.builtin.BuiltinRecognizer;
import io.corridor.anpr.builtin.RowVerifier;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.strip.StripReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the engine's {@link RowVerifier} from labelled photos:
 *
 * <pre>RowVerifierTrainer --sets DIR[,DIR...] --out FILE [--model FILE] [--strip-model FILE|none] [--fold I/K [--split-seed S]]</pre>
 *
 * <p>Every image is read by the built-in engine with no verifier (every row read) and, as the
 * shipped engine, with the strip reader re-ranking each row's readings (the shipped strip network
 * unless {@code --strip-model} names a fold's, or {@code none}), so the verifier learns from the
 * readings it will judge; each row the
 * engine reads becomes a sample: a plate row when its estimated plate box overlaps the labelled
 * one (IoU &gt;= {@value #PLATE_IOU}) and its reading is as long as the label (a row that misses
 * characters is not the plate's text); not a plate when it is elsewhere (IoU below
 * {@value #ELSEWHERE_IOU}: stickers, signs, grilles, state names and slogans off the plate's
 * text line) or is such a partial row; rows between are left out. With {@code --fold I/K} the
 * images of plates in fold I ({@link FoldSplit}, by plate text) are left out, so the verifier
 * can be measured on them. Folders of crops ({@code labels.csv}) are skipped: they show no
 * scene. Deterministic: single thread, the fit has no randomness.
 */
public final class RowVerifierTrainer {

  static final double PLATE_IOU = 0.4, ELSEWHERE_IOU = 0.1;
  static final int STEPS = 3000;
  static final double L2 = 1e-3;

  private RowVerifierTrainer() {}

  public static void main(String[] args) throws IOException {
    List<Path> sets = new ArrayList<>();
    Path out = null;
    String model = null;
    String stripModel = null;
    String fold = null;
    long splitSeed = FoldSplit.DEFAULT.seed();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sets" -> {
          for (String s : args[++i].split(",")) sets.add(Path.of(s));
        }
        case "--out" -> out = Path.of(args[++i]);
        case "--model" -> model = args[++i];
        case "--strip-model" -> stripModel = args[++i];
        case "--fold" -> fold = args[++i];
        case "--split-seed" -> splitSeed = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (sets.isEmpty() || out == null) {
      System.err.println("usage: RowVerifierTrainer --sets DIR[,DIR...] --out FILE [--model FILE] [--strip-model FILE|none] [--fold I/K [--split-seed S]]");
      System.exit(2);
    }
    FoldSplit.Selection selection = fold == null ? null : FoldSplit.Selection.parse(fold, splitSeed);
    if (selection != null && selection.fold() < 0) {
      throw new IllegalArgumentException("--fold names the one fold to leave out: I/K");
    }
    GlyphClassifier classifier = model == null ? GlyphClassifier.shipped() : FoldModels.load(Path.of(model));
    org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
    Samples samples = new Samples();
    StripReader strip = stripModel == null ? StripReader.shipped()
        : stripModel.equals("none") ? null : StripReader.load(Path.of(stripModel));
    try (BuiltinRecognizer engine = BuiltinRecognizer.open(classifier, RowVerifier.ACCEPT_ALL, samples)
        .withStrip(strip, BuiltinRecognizer.SHIPPED_STRIP_MODE)) {
      for (Path dir : sets) {
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException("no such folder: " + dir);
        }
        if (Files.isRegularFile(dir.resolve("labels.csv"))) {
          System.out.println("skipped " + dir + ": crops, no scene");
          continue;
        }
        int images = 0;
        for (BenchLabel label : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
          if (selection != null && selection.split().foldOf(label.plate()) == selection.fold()) {
            continue;
          }
          samples.start(label);
          engine.recognize(Files.readAllBytes(dir.resolve(label.file())), RecognitionHints.none());
          images++;
        }
        System.out.println(dir + ": " + images + " images");
      }
    }
    System.out.println("rows: " + samples.y.stream().filter(b -> b).count() + " plate, "
        + samples.y.stream().filter(b -> !b).count() + " not a plate, " + samples.skipped + " left out (between)");
    RowVerifier verifier = RowVerifier.fit(samples.x, samples.y, STEPS, L2);
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      verifier.write(w);
    }
    System.out.println("wrote " + out + (selection == null ? "" : " (fold " + (selection.fold() + 1) + " left out)"));
  }

  /** The rows of the image being read, labelled against its plate. */
  static final class Samples implements BuiltinRecognizer.RowSink {
    final List<double[]> x = new ArrayList<>();
    final List<Boolean> y = new ArrayList<>();
    int skipped;
    private BenchLabel label;

    void start(BenchLabel label) {
      this.label = label;
    }

    @Override
    public void row(double[] features, List<io.corridor.anpr.Point> corners, String text) {
      Boolean plate = isPlate(label, corners, text);
      if (plate == null) {
        skipped++;
        return;
      }
      x.add(features.clone());
      y.add(plate);
    }
  }

  /** Whether a row is the labelled plate's text; null when it is neither clearly (left out). */
  static Boolean isPlate(BenchLabel label, List<io.corridor.anpr.Point> corners, String text) {
    // The corners are in the original image, where the label's box is too.
    Box plateBox = Box.around(corners);
    Box labelled = label.box();
    double iou = plateBox.iou(labelled);
    if (iou < ELSEWHERE_IOU) {
      return false;
    }
    if (iou < PLATE_IOU) {
      return null;
    }
    return BenchLabel.normalize(text).length() >= label.plate().length();
  }
}
