package io.corridor.anpr.bench;

import io.corridor.anpr.EngineSettings;
import io.corridor.anpr.Box;
import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.RecognizedPlate;
import io.corridor.anpr.RecognizerRegistry;
import io.corridor.anpr.builtin.BuiltinRecognizer;
import io.corridor.anpr.plate.PlateFormats;
import io.corridor.anpr.plate.PlausibleRead;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures an engine end to end on a folder of labelled images, on one thread:
 *
 * <pre>AnprBench &lt;dir&gt; [--engine builtin] [--csv out.csv] [--limit N] [--country XX] [--min-confidence-unformatted 0.6]
 *     [--min-confidence 0.35]
 *     [--model FILE [--verifier FILE|shipped [--drop-below P]] --fold I/K|all/K [--split-seed S]]</pre>
 *
 * <p>Each {@code *.txt} in the folder is one label ({@link BenchLabel}); a folder with a
 * {@code labels.csv} is a set of cropped plates, each image the plate, read set in a plain
 * surround ({@link CropFrame}). Prints how many plates
 * were found (best plate's box IoU &gt;= 0.5 with the label), exact top-1 reads (as labelled, and
 * with O and 0 treated as one), reads within the top 5 candidates, and the milliseconds per image
 * (median and p95 over every image, no warm-up excluded). False reads: plates the engine reports
 * whose best text is not the labelled plate (signs, grilles, stickers, or a misread of the plate),
 * per image, as the engine gives them and as Corridor would store them: without those that fit no
 * country's format below {@code --min-confidence-unformatted} and any below {@code --min-confidence}
 * (ingest's {@code ReadFilter}, with its defaults); and
 * of those, the ones elsewhere in the image (box IoU below {@value #STRAY_IOU} with the label's),
 * which are not misreads of the labelled plate but other text or plates nobody labelled.
 *
 * <p>Held-out measurement ({@link FoldModels}): {@code --fold 2/5 --model fold2.cgn} reads only
 * the images of fold 2 of 5 ({@link FoldSplit}) with that character network; {@code --fold all/5
 * --model fold{fold}.cgn} reads every image with the network of its own fold, so the figures are
 * summed over the held-out folds. {@code --verifier rv{fold}.txt} adds the row verifier of each
 * fold ({@code RowVerifierTrainer}); with {@code --model} and no {@code --verifier} no row is
 * dropped (the engine before the verifier). {@code --strip-model strip{fold}.csn} adds each
 * fold's strip reader, used as {@code --strip-mode} says (default: as the shipped engine,
 * {@code rerank}; {@code takeover}, {@code compete}, {@code fallback}, {@code off}: {@code StripMode}).
 */
public final class AnprBench {

  private AnprBench() {}

  /** One image's outcome; {@code found} is IoU &gt;= 0.5. */
  public record Outcome(String file, String label, String top1, boolean found, double iou, boolean exact,
      boolean exactO0, boolean top5, double millis, String candidates, int falseReads, int falseReadsStored,
      int strayReads, int strayReadsStored, String falseTexts, boolean exactStored,
      double top1Confidence) {}

  /** Below this IoU with the labelled box a plate is elsewhere in the image: not a misread of the labelled plate. */
  public static final double STRAY_IOU = 0.1;

  /** Default of ingest's {@code anpr.min-confidence-unformatted}. */
  public static final double DEFAULT_MIN_CONFIDENCE_UNFORMATTED = 0.6;

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: bin/corridor anpr-bench <dir> [--engine builtin] [--csv out.csv] [--limit N] [--country XX]"
          + " [--min-confidence-unformatted 0.6] [--min-confidence 0.35]"
          + " [--model FILE [--verifier FILE] [--strip-model FILE [--strip-mode rerank|takeover|compete|fallback|off]] --fold I/K|all/K [--split-seed S]]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    String engine = RecognizerRegistry.BUILTIN;
    Path csv = null;
    int limit = Integer.MAX_VALUE;
    RecognitionHints hints = RecognitionHints.none();
    double minConfidence = DEFAULT_MIN_CONFIDENCE_UNFORMATTED;
    double floor = PlausibleRead.DEFAULT_MIN_CONFIDENCE;
    String model = null;
    String verifier = null;
    double dropBelow = io.corridor.anpr.builtin.RowVerifier.DROP_BELOW;
    String stripModel = null;
    io.corridor.anpr.builtin.StripMode stripMode = io.corridor.anpr.builtin.BuiltinRecognizer.SHIPPED_STRIP_MODE;
    String foldSpec = null;
    long splitSeed = FoldSplit.DEFAULT.seed();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--engine" -> engine = args[++i];
        case "--csv" -> csv = Path.of(args[++i]);
        case "--limit" -> limit = Integer.parseInt(args[++i]);
        case "--country" -> hints = RecognitionHints.forCountry(args[++i]);
        case "--min-confidence-unformatted" -> minConfidence = Double.parseDouble(args[++i]);
        case "--min-confidence" -> floor = Double.parseDouble(args[++i]);
        case "--model" -> model = args[++i];
        case "--verifier" -> verifier = args[++i];
        case "--drop-below" -> dropBelow = Double.parseDouble(args[++i]);
        case "--strip-model" -> stripModel = args[++i];
        case "--strip-mode" -> stripMode = io.corridor.anpr.builtin.StripMode.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--fold" -> foldSpec = args[++i];
        case "--split-seed" -> splitSeed = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<BenchLabel> labels = readLabels(dir, limit);
    FoldSplit.Selection selection = foldSpec == null ? null : FoldSplit.Selection.parse(foldSpec, splitSeed);
    if (selection != null && selection.fold() >= 0) {
      labels = labels.stream().filter(l -> selection.split().foldOf(l.plate()) == selection.fold()).toList();
    }
    FoldModels models = FoldModels.open(engine, model, verifier, dropBelow, stripModel, stripMode, selection);
    // One thread means OpenCV's too: by default it spreads a threshold or a labelling over every
    // core, which a worker pool of one thread per core cannot afford and the CPU time below
    // (the calling thread's) would not see.
    int openCvThreads = Integer.getInteger("corridor.anpr.opencv-threads", 1);
    org.bytedeco.opencv.global.opencv_core.setNumThreads(openCvThreads);
    System.out.println("OpenCV threads: " + org.bytedeco.opencv.global.opencv_core.getNumThreads());
    List<Outcome> outcomes = new ArrayList<>();
    // The thread's CPU time beside the wall time: on a shared machine the wall time mostly
    // measures the queue for a core.
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    List<Double> cpuMillis = new ArrayList<>();
    try (models) {
      for (BenchLabel label : labels) {
        byte[] bytes = Files.readAllBytes(dir.resolve(label.file()));
        BenchLabel scored = label;
        if (label.box() == null) {
          CropFrame.Framed framed = CropFrame.frame(bytes);
          bytes = framed.image();
          scored = new BenchLabel(label.file(), framed.plate(), label.plate());
        }
        PlateRecognizer recognizer = models.forPlate(label.plate());
        long t0 = System.nanoTime(), c0 = threads.getCurrentThreadCpuTime();
        RecognitionResult result;
        try {
          result = recognizer.recognize(bytes, hints);
        } catch (RuntimeException e) {
          System.err.println(label.file() + ": " + e);
          result = null;
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        cpuMillis.add((threads.getCurrentThreadCpuTime() - c0) / 1e6);
        outcomes.add(score(scored, result, ms, new PlausibleRead(PlateFormats.standard(), floor, minConfidence).forCountry(hints.country())));
      }
    }
    if (selection != null) {
      System.out.println("held-out images only: " + (selection.fold() < 0 ? "every fold" : "fold " + (selection.fold() + 1))
          + " of " + selection.split().folds() + " (split seed " + selection.split().seed() + "), model " + model
          + ", row verifier " + (verifier == null ? "none" : verifier + " dropping below " + dropBelow)
          + (stripModel == null ? "" : ", strip model " + stripModel + " (" + stripMode.name().toLowerCase(Locale.ROOT) + ")"));
    }
    System.out.println(summary(dir + " (engine " + engine + ")", outcomes));
    double[] cpu = cpuMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "  cpu ms/image    median %.1f  p95 %.1f  (the thread's CPU time)%n",
        percentile(cpu, 0.5), percentile(cpu, 0.95));
    if (csv != null) {
      writeCsv(csv, outcomes);
    }
  }

  /** The labels of a folder, sorted by file name, at most {@code limit}. */
  public static List<BenchLabel> readLabels(Path dir, int limit) throws IOException {
    List<BenchLabel> labels = new ArrayList<>();
    Path csv = dir.resolve("labels.csv");
    if (Files.isRegularFile(csv)) {
      for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          labels.add(BenchLabel.parseCsv(line));
        }
      }
      labels.sort(java.util.Comparator.comparing(BenchLabel::file));
      return labels.subList(0, Math.min(limit, labels.size()));
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            labels.add(BenchLabel.parse(line));
          }
        }
      }
    }
    return labels.subList(0, Math.min(limit, labels.size()));
  }

  /** Scores one image with the default store filter. */
  public static Outcome score(BenchLabel label, RecognitionResult result, double millis) {
    return score(label, result, millis, DEFAULT_MIN_CONFIDENCE_UNFORMATTED);
  }

  /** Scores one image with the default floor and this unformatted threshold. */
  public static Outcome score(BenchLabel label, RecognitionResult result, double millis, double minConfidence) {
    return score(label, result, millis, new PlausibleRead(PlateFormats.standard(),
        Math.min(PlausibleRead.DEFAULT_MIN_CONFIDENCE, minConfidence), minConfidence));
  }

  /** Scores one image: the best (first) plate against the label, every plate for false reads. */
  public static Outcome score(BenchLabel label, RecognitionResult result, double millis, PlausibleRead filter) {
    if (result == null || result.plates().isEmpty()) {
      return new Outcome(label.file(), label.plate(), "", false, 0, false, false, false, millis, "", 0, 0, 0, 0, "", false, 0);
    }
    Box box = label.boxIn(result.imageWidth(), result.imageHeight());
    int falseReads = 0;
    int falseStored = 0;
    int stray = 0;
    int strayStored = 0;
    List<String> falseTexts = new ArrayList<>();
    for (RecognizedPlate plate : result.plates()) {
      String text = BenchLabel.normalize(plate.text());
      if (text.equals(label.plate()) || o0(text).equals(o0(label.plate()))) {
        continue;
      }
      falseReads++;
      // As ingest's FrameService judges a frame's read: by its text against Corridor's formats.
      boolean stored = filter.keep(text, plate.confidence(), false);
      boolean elsewhere = plate.corners().isEmpty() || Box.around(plate.corners()).iou(box) < STRAY_IOU;
      falseStored += stored ? 1 : 0;
      falseTexts.add(String.format(Locale.ROOT, "%s:%.2f%s%s", text, plate.confidence(), elsewhere ? ":elsewhere" : "",
          stored ? ":stored" : ""));
      stray += elsewhere ? 1 : 0;
      strayStored += elsewhere && stored ? 1 : 0;
    }
    RecognizedPlate best = result.plates().getFirst();
    double iou = best.corners().isEmpty() ? 0 : Box.around(best.corners()).iou(box);
    List<String> texts = best.candidates().stream().map(PlateCandidate::text).map(BenchLabel::normalize).toList();
    String top1 = texts.getFirst();
    boolean top5 = texts.stream().limit(5).anyMatch(t -> t.equals(label.plate()) || o0(t).equals(o0(label.plate())));
    boolean exactO0 = o0(top1).equals(o0(label.plate()));
    boolean exactStored = exactO0 && filter.keep(top1, best.confidence(), false);
    return new Outcome(label.file(), label.plate(), top1, iou >= 0.5, iou, top1.equals(label.plate()),
        exactO0, top5, millis, String.join(" ", texts), falseReads, falseStored,
        stray, strayStored, String.join(" ", falseTexts), exactStored, best.confidence());
  }

  static String o0(String s) {
    return s.replace('O', '0');
  }

  /** The printed summary. */
  public static String summary(String title, List<Outcome> outcomes) {
    int n = outcomes.size();
    double[] ms = outcomes.stream().mapToDouble(Outcome::millis).sorted().toArray();
    return String.format(Locale.ROOT, """
        %s
          images          %d
          plate found     %d (%.1f%%)  best plate's box IoU >= 0.5
          exact top-1     %d (%.1f%%)  as labelled
          exact top-1 O=0 %d (%.1f%%)
            stored        %d (%.1f%%)  as Corridor stores them (the store filter keeps the read)
          read in top-5   %d (%.1f%%)
          false reads     %.3f per image (%d), as Corridor stores them %.3f per image (%d)
            elsewhere     %.3f per image (%d), as Corridor stores them %.3f per image (%d)  not on the labelled plate
          ms/image        median %.1f  p95 %.1f  (one thread)""",
        title, n,
        count(outcomes, Outcome::found), pct(count(outcomes, Outcome::found), n),
        count(outcomes, Outcome::exact), pct(count(outcomes, Outcome::exact), n),
        count(outcomes, Outcome::exactO0), pct(count(outcomes, Outcome::exactO0), n),
        count(outcomes, Outcome::exactStored), pct(count(outcomes, Outcome::exactStored), n),
        count(outcomes, Outcome::top5), pct(count(outcomes, Outcome::top5), n),
        perImage(outcomes, Outcome::falseReads), sum(outcomes, Outcome::falseReads),
        perImage(outcomes, Outcome::falseReadsStored), sum(outcomes, Outcome::falseReadsStored),
        perImage(outcomes, Outcome::strayReads), sum(outcomes, Outcome::strayReads),
        perImage(outcomes, Outcome::strayReadsStored), sum(outcomes, Outcome::strayReadsStored),
        percentile(ms, 0.5), percentile(ms, 0.95));
  }

  /** Nearest-rank percentile of sorted values; 0 when empty. */
  public static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static int count(List<Outcome> outcomes, java.util.function.Predicate<Outcome> p) {
    return (int) outcomes.stream().filter(p).count();
  }

  private static int sum(List<Outcome> outcomes, java.util.function.ToIntFunction<Outcome> f) {
    return outcomes.stream().mapToInt(f).sum();
  }

  private static double perImage(List<Outcome> outcomes, java.util.function.ToIntFunction<Outcome> f) {
    return outcomes.isEmpty() ? 0 : (double) sum(outcomes, f) / outcomes.size();
  }

  private static double pct(int k, int n) {
    return n == 0 ? 0 : 100.0 * k / n;
  }

  private static void writeCsv(Path csv, List<Outcome> outcomes) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
      w.println("file,label,top1,found,iou,exact,exact_o0,top5,ms,false_reads,false_reads_stored,stray_reads,stray_reads_stored,false_texts,candidates,exact_stored,top1_confidence");
      for (Outcome o : outcomes) {
        w.printf(Locale.ROOT, "%s,%s,%s,%b,%.3f,%b,%b,%b,%.1f,%d,%d,%d,%d,%s,%s,%b,%.3f%n", o.file(), o.label(), o.top1(),
            o.found(), o.iou(), o.exact(), o.exactO0(), o.top5(), o.millis(), o.falseReads(), o.falseReadsStored(),
            o.strayReads(), o.strayReadsStored(), o.falseTexts(), o.candidates(), o.exactStored(),
            o.top1Confidence());
      }
    }
  }
}
