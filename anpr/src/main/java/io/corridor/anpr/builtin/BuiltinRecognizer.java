package io.corridor.anpr.builtin;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.corridor.anpr.Box;
import io.corridor.anpr.BuiltinRecognizerFactory;
import io.corridor.anpr.EngineUnavailableException;
import io.corridor.anpr.InvalidImageException;
import io.corridor.anpr.PlateRecognizer;
import io.corridor.anpr.Point;
import io.corridor.anpr.RecognitionException;
import io.corridor.anpr.RecognitionHints;
import io.corridor.anpr.RecognitionResult;
import io.corridor.anpr.PlateCandidate;
import io.corridor.anpr.RecognizedPlate;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.image.Components;
import io.corridor.anpr.image.ImageInfo;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.anpr.strip.StripReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Corridor's built-in engine ({@value #ENGINE}): needs only Maven Central jars (OpenCV through
 * JavaCPP) and the character network trained by this repository ({@link GlyphClassifier}).
 *
 * <p>Pipeline: decode to grey with OpenCV; scale to at most {@value #MAX_WIDTH} px wide; adaptive
 * threshold in both polarities at two neighbourhood sizes (large plates, small plates; the small
 * one only when the large one read no sure plate);
 * connected components; rows of character-like blobs of similar height ({@link CharBandFinder}).
 * Each of the best rows is read twice, as found and re-cut on its own straightened strip
 * ({@link BandResegmenter}); each glyph is classified by the network, and {@link BandReader}
 * decodes the glyph probabilities against the plate formats. Where no sure plate was read, the
 * large threshold's dark-text image is searched once more with its long straight runs (plate
 * frames the characters touch) cleared ({@link FrameLineCutter}). Each read row's plate box is
 * found from the background around it ({@link PlateExtent}); the {@link RowVerifier} drops rows
 * that are not a plate's text before they become reads. Where no plate was read at all, {@link
 * LastResortRows} looks once more on the contrast-normalised image. Plates are ranked by the readings'
 * confidence and the verifier's probability. Each row is also read with the characters found just
 * beyond its ends ({@link RowEndProbe}), its readings competing with the row's own, and mended
 * inside its ends where characters were glued, broken or lost ({@link RowRepair}). The whole row
 * is also read by the strip reader ({@link StripReader}, {@link #withStrip}), which re-ranks the
 * cut's readings by its own probability of each text, and reads the row whole where its views of
 * the row as found and widened by a pitch both prefer one text clearly ({@link StripViews}).
 *
 * <p>Thread-safe and stateless per call; all the work is plain Java or OpenCV on the caller's
 * thread (the caller supplies a worker pool, never an event loop).
 */
public final class BuiltinRecognizer implements PlateRecognizer {

  /** Registry name. */
  public static final String ENGINE = "builtin";

  static final int MAX_WIDTH = 1024;
  /** Rows read per image: the plate is nearly always among the best few by geometry. */
  private static final int MAX_BANDS = 6;
  static final int MIN_GLYPH_HEIGHT = 7;
  /** Adaptive-threshold passes, {block size, offset}: large and small plates. */
  private static final int[][] THRESHOLD_PASSES = {{31, 12}, {15, 5}};
  /**
   * How the engine as shipped uses its strip reader: re-ranking the cut's readings read more on
   * the held-out folds than ranking the strip's own texts with them or using them only where the
   * cut fits no format (docs/benchmarks.md, "Whole-row strip reader"), and more than letting a
   * sure strip take the row over ("Strip reader fine-tuned longer on varied real rows").
   */
  public static final StripMode SHIPPED_STRIP_MODE = StripMode.RERANK;
  /**
   * In {@link StripMode#TAKEOVER}, the per-character probability from which the strip reader's
   * own best text is ranked with the cut's readings.
   */
  public static final double TAKEOVER_CONFIDENCE = 0.9;
  /** Texts the strip reader gives per row for the formats to rank. */
  private static final int STRIP_TEXTS = 5;
  /** Confidence of a format-fitting plate from the first threshold size that skips the second. */
  private static final double CONFIDENT = 0.85;

  private final ImageProbe probe = new ImageProbe();
  private final BandReader bandReader;
  private final RowVerifier verifier;
  private final RowSink sink;
  /** The whole-row reader ({@link #withStrip}), or null when {@link #stripMode} is off. */
  private volatile StripReader stripReader;
  private volatile StripMode stripMode = StripMode.OFF;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  private BuiltinRecognizer(GlyphClassifier classifier, RowVerifier verifier, RowSink sink) {
    this.bandReader = new BandReader(classifier);
    this.verifier = verifier;
    this.sink = sink;
  }

  /** Sees every row the engine reads, before the verifier judges it: the verifier's training data. */
  public interface RowSink {
    /**
     * @param features the row's {@link RowFeatures}
     * @param corners the row's plate corners in the original image: the row as found with the
     *     margins its features describe (the plate answered is drawn around the characters its
     *     best reading rests on instead, {@link PlateExtent#corners(CharBand, PlateExtent.Margins,
     *     BandReader.Span, byte[], int, int, double)})
     * @param text the row's best reading
     */
    void row(double[] features, List<Point> corners, String text);
  }

  /**
   * Reads every row whole with {@code reader} too, its readings used as {@code mode} says ({@link
   * StripMode}); call once, before the first image.
   *
   * @param reader the strip reader, or null for none (the same as {@link StripMode#OFF})
   * @return this engine
   */
  public BuiltinRecognizer withStrip(StripReader reader, StripMode mode) {
    this.stripMode = reader == null ? StripMode.OFF : mode;
    this.stripReader = this.stripMode == StripMode.OFF ? null : reader;
    return this;
  }

  /** The factory for {@link io.corridor.anpr.RecognizerRegistry#withBuiltin}. */
  public static BuiltinRecognizerFactory factory() {
    return settings -> open();
  }

  /**
   * Starts the engine: loads OpenCV's natives and the character network now, so that a broken
   * installation fails at start, not on the first frame.
   *
   * @throws EngineUnavailableException natives or the network cannot be loaded
   */
  public static BuiltinRecognizer open() {
    loadNatives();
    try {
      return new BuiltinRecognizer(GlyphClassifier.shipped(), RowVerifier.shipped(), null)
          .withStrip(SHIPPED_STRIP_MODE == StripMode.OFF ? null : StripReader.shipped(), SHIPPED_STRIP_MODE);
    } catch (UncheckedIOException e) {
      throw new EngineUnavailableException("built-in ANPR engine: " + e.getMessage(), e);
    }
  }

  /**
   * Starts the engine with a given character network instead of the shipped one: the benchmark's
   * fold models, each evaluated on the images it was not trained on.
   *
   * @throws EngineUnavailableException the OpenCV natives cannot be loaded
   */
  public static BuiltinRecognizer open(GlyphClassifier classifier) {
    return open(classifier, RowVerifier.ACCEPT_ALL, null);
  }

  /**
   * As {@link #open(GlyphClassifier)}, with a row verifier ({@link RowVerifier#ACCEPT_ALL}: none)
   * and an optional sink that sees every row read (null: none).
   */
  public static BuiltinRecognizer open(GlyphClassifier classifier, RowVerifier verifier, RowSink sink) {
    loadNatives();
    return new BuiltinRecognizer(classifier, verifier, sink);
  }

  static void loadNatives() {
    try {
      try (Mat probeMat = new Mat(2, 2, CV_8UC1)) {
        probeMat.rows(); // loads OpenCV's natives
      }
    } catch (LinkageError e) {
      throw new EngineUnavailableException("built-in ANPR engine: OpenCV native libraries (org.bytedeco:opencv, "
          + "linux-x86_64 classifier) cannot be loaded; build with -Djavacpp.platform=linux-x86_64: " + e, e);
    }
  }

  @Override
  public String engine() {
    return ENGINE;
  }

  @Override
  public RecognitionResult recognize(byte[] image, RecognitionHints hints) {
    long t0 = System.nanoTime();
    ImageInfo info = probe.probe(image);
    lock.readLock().lock();
    try {
      if (closed) {
        throw new RecognitionException("built-in ANPR engine is closed");
      }
      List<RecognizedPlate> plates = new ArrayList<>();
      // How plate-like each read row is (RowVerifier): ranks the image's plates beside confidence.
      Map<RecognizedPlate, Double> plateLike = new IdentityHashMap<>();
      // Each plate as it is answered: ranked by the cut's confidence, carrying the stored one.
      Map<RecognizedPlate, RecognizedPlate> stored = new IdentityHashMap<>();
      try (PointerScope scope = new PointerScope()) {
        Mat gray = decode(image, info);
        double scale = scaleOf(gray);
        Mat small = scaled(gray, scale);
        byte[] pixels = pixels(small);
        Map<BandReader.GlyphKey, float[]> seen = new HashMap<>();
        Map<CharBand, RecognizedPlate> read = new IdentityHashMap<>();
        Binaries binaries = new Binaries();
        List<CharBand> bands = findBands(small, pixels, 0, 1, false, Integer.MAX_VALUE, binaries);
        readBest(bands, read, plateLike, stored, seen, pixels, small, scale, hints, t0, 0);
        // The small neighbourhood finds distant plates; once the large one has read a sure plate
        // the second pair of passes costs a third of the image's time and mostly adds rows of
        // small print that push the plate's row out of the best six (held-out folds: US exact
        // 47.7 -> 50.5 %, EU unchanged, fewer false reads on both).
        double unformatted = bandReader.openShape(hints.country()) ? CONFIDENT : CONFIDENT * BandReader.UNFORMATTED_FACTOR;
        if (read.values().stream().noneMatch(p -> p != null && confident(p, unformatted))) {
          bands.addAll(findBands(small, pixels, 1, 2, false, Integer.MAX_VALUE, binaries));
          bands.sort(Comparator.comparingDouble(CharBand::score).reversed());
          readBest(bands, read, plateLike, stored, seen, pixels, small, scale, hints, t0, 0);
        }
        // Characters glued to a plate's frame form no row at all: cut the frame's lines and look
        // again, only where neither threshold size read a sure plate.
        if (read.values().stream().noneMatch(p -> p != null && confident(p, unformatted))) {
          List<CharBand> cut = findBands(small, pixels, 0, 1, true, Integer.MAX_VALUE, binaries);
          // A row found before, a pixel shorter where the frame was cut, reads the same: only
          // rows at new places are read (each read costs as much as the pass itself).
          cut.removeIf(c -> bands.stream().anyMatch(b -> sameRow(b, c)));
          bands.addAll(cut);
          bands.sort(Comparator.comparingDouble(CharBand::score).reversed());
          readBest(bands, read, plateLike, stored, seen, pixels, small, scale, hints, t0, 0);
        }
        for (CharBand band : bands.subList(0, Math.min(MAX_BANDS, bands.size()))) {
          if (read.get(band) != null) {
            plates.add(read.get(band));
          }
        }
        // Nothing read at all: the last resort (LastResortRows), its rows read on their own (they rank
        // low beside the rows already tried) and on the normalised image (a faded character's crop
        // spans fewer grey levels than the network's input stretches to ink and background). Only
        // where the image gave no plate: most US photos read some plate without being sure of it,
        // and running it there too cost a third more CPU per image for no more exact reads.
        if (plates.isEmpty()) {
          Mat normalised = LocalContrast.normalised(small);
          byte[] normalisedPixels = pixels(normalised);
          for (CharBand band : LastResortRows.find(small, normalised, normalisedPixels, bands, binaries)) {
            readBest(List.of(band), read, plateLike, stored, seen, normalisedPixels, small, scale, hints, t0, LastResortRows.PLATE_LIKE);
            if (read.get(band) != null) {
              plates.add(read.get(band));
            }
          }
        }
      }
      plates.sort(Comparator.comparingDouble((RecognizedPlate p) -> rank(p) * plateLike.getOrDefault(p, 1.0)).reversed());
      List<RecognizedPlate> answered = dropOverlaps(plates).stream().map(p -> stored.getOrDefault(p, p)).toList();
      return new RecognitionResult(answered, info.width(), info.height(), Duration.ofNanos(System.nanoTime() - t0));
    } catch (InvalidImageException | RecognitionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RecognitionException("built-in ANPR engine failed: " + e, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Whether a plate read from the first threshold size is sure enough to skip the second: it fits a
   * format at {@value #CONFIDENT} or more, or it has a plate's length and its characters are as
   * sure ({@code unformatted}: {@value #CONFIDENT} under the no-format prior).
   */
  private static boolean confident(RecognizedPlate p, double unformatted) {
    int len = p.text().length();
    return p.matchesFormat() ? p.confidence() >= CONFIDENT
        : len >= 5 && len <= 8 && !mostlyBars(p.text()) && p.confidence() >= unformatted;
  }

  /** Whether two rows cover the same characters: their boxes overlap by half the smaller one. */
  static boolean sameRow(CharBand a, CharBand b) {
    return rowBox(a).overlapOfSmaller(rowBox(b)) > 0.5;
  }

  private static Box rowBox(CharBand band) {
    int top = band.glyphs().stream().mapToInt(CharBand.Glyph::y).min().orElse(0);
    int bottom = band.glyphs().stream().mapToInt(g -> g.y() + g.h()).max().orElse(0);
    return new Box(band.left(), top, Math.max(1, band.right() - band.left()), Math.max(1, bottom - top));
  }

  /**
   * Reads the best {@value #MAX_BANDS} of {@code bands} not read yet into {@code read} (null: no
   * reading, or dropped: below the verifier's threshold or below {@code atLeast}).
   */
  private void readBest(List<CharBand> bands, Map<CharBand, RecognizedPlate> read, Map<RecognizedPlate, Double> plateLike,
      Map<RecognizedPlate, RecognizedPlate> stored, Map<BandReader.GlyphKey, float[]> seen, byte[] pixels, Mat small, double scale, RecognitionHints hints, long t0,
      double atLeast) {
    for (CharBand band : bands.subList(0, Math.min(MAX_BANDS, bands.size()))) {
      if (read.containsKey(band)) {
        continue;
      }
      RowReadings row = read(band, pixels, small.cols(), small.rows(), hints.country(), seen);
      List<BandReader.Reading> readings = row.readings();
      RecognizedPlate plate = null;
      if (!readings.isEmpty()) {
        BandReader.Reading best = readings.getFirst();
        PlateExtent.Margins margins = PlateExtent.margins(band, pixels, small.cols(), small.rows());
        // The plate answered lies around the characters the best reading rests on, which a grown,
        // joined or end-trimmed reading places elsewhere than the row as found. The verifier judges
        // the row: its features and the box its training labels are drawn by stay the row's own
        // (training on the reading's box moved the fold verifiers' choices without gaining a read:
        // docs/benchmarks.md, "US plate boxes around the characters read").
        List<Point> corners = PlateExtent.corners(band, margins, best.span(), pixels, small.cols(), small.rows(), scale);
        // Whether the row is a plate's text is judged by the cut's reading of it, not by a strip
        // text that took the row over (StripViews): that changes what is read, not where.
        double[] features = RowFeatures.of(band, margins, row.judged(), small.rows());
        if (sink != null) {
          sink.row(features, PlateExtent.corners(band, margins, scale), row.judged().text());
        }
        double p = verifier.probability(features);
        if (verifier.keeps(p) && p >= atLeast) {
          plate = new RecognizedPlate(readings.stream().map(BandReader.Reading::candidate).toList(), corners,
              best.country(), best.formatId(), null, 0, Duration.ofNanos(System.nanoTime() - t0));
          plateLike.put(plate, p);
          stored.put(plate, withStoredConfidence(plate, readings, p));
        }
      }
      read.put(band, plate);
    }
  }

  /**
   * The plate as answered: its candidates' confidences are what the readings say about the plate
   * ({@link BandReader.Reading#stored}: the cut's per-glyph probability with its format's prior,
   * joined with the strip reader's agreement, times the verifier's probability that the row is a
   * plate), so that the store filter ({@code PlausibleRead}) judges a reading by every reader that
   * saw it, the first charged for a runner-up nearly as sure ({@link RunnerUpCharge}). The confidence the plates were ranked and the passes chosen by stays the cut's own
   * (ranking on the stored one was not measured). See docs/benchmarks.md, "Stored confidence".
   */
  private static RecognizedPlate withStoredConfidence(RecognizedPlate plate, List<BandReader.Reading> readings, double plateLike) {
    List<PlateCandidate> candidates = readings.stream()
        .map(r -> new PlateCandidate(r.text(), r.stored(plateLike), r.format() != null)).toList();
    return plate.withCandidates(RunnerUpCharge.of(candidates), plate.country(), plate.formatId());
  }

  /**
   * A plate's rank among the image's plates: its reading's confidence, favouring plate-like lengths
   * and texts that fit a plate format.
   */
  private static double rank(RecognizedPlate p) {
    int len = p.text().length();
    double lengthFit = len >= 5 && len <= 8 ? 1.0 : 0.6;
    return p.confidence() * lengthFit * (p.matchesFormat() ? 1.2 : 1.0) * (mostlyBars(p.text()) ? 0.3 : 1.0);
  }

  /** Grilles, fences and barcodes read as rows of I and 1; few real plates are mostly those. */
  static boolean mostlyBars(String text) {
    long bars = text.chars().filter(c -> c == 'I' || c == '1').count();
    return bars * 2 > text.length();
  }

  /** The factor the image is scaled by before rows are searched (at most {@value #MAX_WIDTH} px wide). */
  static double scaleOf(Mat gray) {
    return gray.cols() > MAX_WIDTH ? (double) MAX_WIDTH / gray.cols() : 1.0;
  }

  static Mat scaled(Mat gray, double scale) {
    if (scale >= 1.0) {
      return gray;
    }
    Mat small = new Mat();
    resize(gray, small, new Size(MAX_WIDTH, (int) Math.round(gray.rows() * scale)), 0, 0, INTER_AREA);
    return small;
  }

  static Mat decode(byte[] image, ImageInfo info) {
    Mat raw = new Mat(1, image.length, CV_8UC1);
    raw.data().put(image);
    Mat gray = imdecode(raw, IMREAD_GRAYSCALE);
    if (gray == null || gray.empty()) {
      throw new InvalidImageException(info.format() + " image " + info.width() + "x" + info.height() + " could not be decoded");
    }
    return gray;
  }

  /**
   * One plate per place: the two thresholds, two polarities and two cuts often read the same plate
   * several times; keep the best-ranked reading where boxes overlap. (Summing the readings'
   * confidences per text was tried and read fewer plates: partial rows vote for wrong texts.)
   */
  private static List<RecognizedPlate> dropOverlaps(List<RecognizedPlate> ranked) {
    List<RecognizedPlate> kept = new ArrayList<>();
    for (RecognizedPlate p : ranked) {
      if (kept.stream().noneMatch(k -> Box.around(k.corners()).overlapOfSmaller(Box.around(p.corners())) > 0.3)) {
        kept.add(p);
      }
    }
    return kept;
  }

  /**
   * A row's readings, best first, and the one the row verifier judges it by: the best of the cut's
   * readings as the strip re-ranked them, before a strip text took the row over ({@link
   * StripViews}); the first reading where none did.
   */
  private record RowReadings(List<BandReader.Reading> readings, BandReader.Reading judged) {}

  /**
   * Candidates from the band as found and from the band re-cut on its own strip, best first: the
   * two cuts fail on different plates.
   */
  private RowReadings read(CharBand band, byte[] pixels, int w, int h, String countryHint,
      Map<BandReader.GlyphKey, float[]> seen) {
    // Nothing of the plate lies beyond its frame's side (FrameEdges): no character is added there,
    // and no reading that reaches over one is kept while another is left.
    FrameEdges sides = FrameEdges.of(band, pixels, w, h);
    BandReader.Reading overruled = null;
    List<BandReader.Reading> first = new ArrayList<>(bandReader.read(band, countryHint, seen));
    // Characters beyond the row's ends that the row finder did not link (RowEndProbe): the longer
    // row is read too, and its readings compete with the row's own by score.
    CharBand longer = RowEndProbe.extend(band, pixels, w, h, g -> bandReader.classify(g, band.darkText(), seen));
    if (longer != null) {
      first.addAll(bandReader.read(longer, countryHint, seen, RowEndProbe.addedLeft(band, longer), RowEndProbe.addedRight(band, longer)));
    }
    // Glued, broken and lost characters inside the row (RowRepair): the mended row is read too,
    // and probed beyond its ends again (a glued end character, once split, is the row's new end).
    CharBand fullest = longer != null ? longer : band;
    List<CharBand> cuts = new ArrayList<>(java.util.Arrays.asList(band, longer));
    int repaired = 0;
    CharBand mended = RowRepair.repair(band, pixels, w, h, g -> bandReader.classify(g, band.darkText(), seen));
    if (mended != null) {
      // What rests on the repair is charged in the evidence the store filter judges (RepairEvidence).
      repaired = RepairEvidence.mendedPieces(band, mended);
      first.addAll(RepairEvidence.charged(bandReader.read(mended, countryHint, seen), repaired));
      CharBand mendedLonger = RowEndProbe.extend(mended, pixels, w, h, g -> bandReader.classify(g, band.darkText(), seen));
      if (mendedLonger != null) {
        first.addAll(RepairEvidence.charged(bandReader.read(mendedLonger, countryHint, seen,
            RowEndProbe.addedLeft(mended, mendedLonger), RowEndProbe.addedRight(mended, mendedLonger)), repaired));
      }
      cuts.add(mended);
      cuts.add(mendedLonger);
      CharBand best = mendedLonger != null ? mendedLonger : mended;
      int more = best.glyphs().size() - fullest.glyphs().size();
      if (more > 0 || more == 0 && best.right() - best.left() > fullest.right() - fullest.left()) {
        fullest = best;
      }
    }
    CharBand recut = BandResegmenter.resegment(band, pixels, w, h);
    // The re-cut's pieces lie in its strip's coordinates; its readings (and a join's) are placed in the image's.
    BandReader.Places places = places(band, recut);
    List<BandReader.Reading> second = recut == null ? List.of() : bandReader.read(recut, countryHint, seen, 0, 0, places);
    List<BandReader.Reading> all = new ArrayList<>();
    StripMode mode = stripMode;
    boolean rerank = mode == StripMode.RERANK || mode == StripMode.TAKEOVER;
    float[][] columns = null;
    if (rerank && !(first.isEmpty() && second.isEmpty())) {
      // The strip shows the fullest row's extent: it judges every text that fits in the row's pieces, and
      // abstains (the factor it gives its own best text) on a longer one, which only the re-cut,
      // made on a strip of its own, can have read from characters beyond the row.
      CharBand extent = fullest;
      float[][] strip = stripReader.columns(BandStrip.input(extent, pixels, w, h));
      columns = strip;
      double abstain = stripReader.bestPerCharacter(strip);
      int pieces = extent.glyphs().size();
      // The same row widened by a pitch at each end: StripEnds and StripViews read it.
      float[][] wide = stripReader.columns(io.corridor.anpr.strip.StripInput.of(pixels, w, h, StripEnds.row(extent), extent.darkText()));
      java.util.stream.Stream.concat(first.stream(), second.stream()).forEach(r -> {
        double agreement = r.text().length() <= pieces ? stripReader.perCharacter(strip, r.text()) : abstain;
        all.add(r.rescored(Math.sqrt(r.score() * agreement), agreement));
      });
      // Then a character the cut dropped, where the strip's own best text has it (StripEdits).
      all.sort(Comparator.comparingDouble(BandReader.Reading::score).reversed());
      List<BandReader.Reading> ranked = List.copyOf(all);
      all.addAll(StripEdits.of(ranked, strip, t -> stripReader.perCharacter(strip, t), pieces,
          t -> bandReader.readTexts(List.of(StripEdits.sure(t)), countryHint), (t, more) -> !sides.closes(t, more), StripEdits.UNREAD));
      // Or one changed at a piece the cut misread, where the strip's own best text has another
      // (StripSwaps); added once every other reading is in, and only as a text none of them is.
      String stripText = StripEdits.bestText(strip);
      List<BandReader.Reading> swapped = StripSwaps.of(ranked, stripText, t -> stripReader.perCharacter(strip, t), pieces,
          t -> bandReader.readTexts(List.of(StripEdits.sure(t)), countryHint));
      // And one beyond an end, read by the strip over the row widened by a pitch (StripEnds).
      all.addAll(StripEnds.of(ranked, extent, wide, stripReader, t -> bandReader.readTexts(List.of(StripEdits.sure(t)), countryHint), sides));
      // Then the cuts joined where each holds part of the plate (ReadingJoin), judged by the strip
      // over the joined row.
      for (ReadingJoin.Join j : ReadingJoin.of(cuts, band, recut, g -> bandReader.classify(g, band.darkText(), seen))) {
        float[][] joined = stripReader.columns(io.corridor.anpr.strip.StripInput.of(pixels, w, h, j.extent(), band.darkText()));
        int charged = j.cut() == band || j.cut() == longer ? 0 : repaired;
        for (BandReader.Reading r : RepairEvidence.charged(bandReader.read(j.row(), countryHint, seen, j.addedLeft(), j.addedRight(),
            places), charged)) {
          double agreement = stripReader.perCharacter(joined, r.text());
          all.add(r.rescored(Math.sqrt(r.score() * agreement), agreement));
        }
      }
      StripSwaps.addNew(all, swapped);
      // A text without an end character that the strip reads there, over the row's own strip, pays
      // what the longer text paid for that character (StripEdits.keepingEnds; the wider view read
      // frame marks at the ends into the plate: docs/benchmarks.md, "An unsure end character").
      List<BandReader.Reading> kept = StripEdits.keepingEnds(all, stripText, sides);
      all.clear();
      all.addAll(kept);
      // Last, the strip's own text where both its views of the row prefer it clearly (StripViews).
      all.sort(Comparator.comparingDouble(BandReader.Reading::score).reversed());
      List<BandReader.Reading> viewed = StripViews.of(List.copyOf(all), StripViews.texts(stripReader, strip, wide),
          t -> stripReader.perCharacter(strip, t), t -> stripReader.perCharacter(wide, t),
          t -> bandReader.readTexts(List.of(StripEdits.sure(t)), countryHint));
      if (!viewed.isEmpty()) {
        overruled = all.getFirst();
        all.addAll(viewed);
      }
    } else {
      all.addAll(first);
      all.addAll(second);
    }
    if (mode == StripMode.TAKEOVER) {
      if (columns == null) columns = stripReader.columns(BandStrip.input(band, pixels, w, h));
      List<io.corridor.anpr.strip.CtcDecoder.Text> best = stripReader.texts(columns, 1);
      if (!best.isEmpty() && Math.exp(best.get(0).logP() / Math.max(1, best.get(0).text().length())) >= TAKEOVER_CONFIDENCE) {
        all.addAll(bandReader.readTexts(best, countryHint));
      }
    }
    if (mode == StripMode.COMPETE || mode == StripMode.FALLBACK && all.stream().noneMatch(r -> r.format() != null)) {
      all.addAll(bandReader.readTexts(stripReader.read(BandStrip.input(band, pixels, w, h), STRIP_TEXTS), countryHint));
    }
    if (!sides.none() && all.stream().anyMatch(r -> !sides.reachedBy(r.span()))) {
      all.removeIf(r -> sides.reachedBy(r.span()));
    }
    all.sort(Comparator.comparingDouble(BandReader.Reading::score).reversed());
    java.util.Map<String, BandReader.Reading> byText = new java.util.LinkedHashMap<>();
    all.forEach(r -> byText.putIfAbsent(r.text(), r));
    List<BandReader.Reading> readings = List.copyOf(byText.values());
    return new RowReadings(readings, overruled != null ? overruled : readings.isEmpty() ? null : readings.getFirst());
  }

  /**
   * Where the pieces of the row {@code found}, its re-cut and their joins lie in the image: the
   * re-cut's (in its strip's coordinates) through {@link BandResegmenter#stripToImage}, every other
   * piece where it is (a joined row holds the cut's pieces and, beyond an end, the re-cut's).
   */
  static BandReader.Places places(CharBand found, CharBand recut) {
    double[] map = recut == null ? null : BandResegmenter.stripToImage(found);
    if (map == null) {
      return BandReader.Places.IMAGE;
    }
    java.util.Set<CharBand.Glyph> fromRecut = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    fromRecut.addAll(recut.glyphs());
    return g -> fromRecut.contains(g) ? new double[] {map[0] + g.x() / map[1], map[0] + (g.x() + g.w()) / map[1]}
        : BandReader.Places.IMAGE.of(g);
  }

  static byte[] pixels(Mat small) {
    int w = small.cols(), h = small.rows();
    byte[] out = new byte[w * h];
    ByteBuffer gb = small.createBuffer();
    for (int y = 0; y < h; y++) {
      gb.position(y * (int) small.step()).get(out, y * w, w);
    }
    return out;
  }

  static List<CharBand> findBands(Mat small, byte[] grayPixels) {
    return findBands(small, grayPixels, 0, THRESHOLD_PASSES.length);
  }

  /** Rows found at threshold sizes {@code from} (inclusive) to {@code to}, both polarities, best first. */
  static List<CharBand> findBands(Mat small, byte[] grayPixels, int from, int to) {
    return findBands(small, grayPixels, from, to, false);
  }

  /** Longest straight run of ink kept by the frame-cutting pass ({@link FrameLineCutter}), px of the scaled image. */
  static final int FRAME_RUN = 36;

  /**
   * As {@link #findBands(Mat, byte[], int, int)}; with {@code cutFrames} each binary image has its
   * long horizontal runs cleared first ({@link FrameLineCutter}, runs over {@value #FRAME_RUN} px),
   * dark text only.
   */
  static List<CharBand> findBands(Mat small, byte[] grayPixels, int from, int to, boolean cutFrames) {
    return findBands(small, grayPixels, from, to, cutFrames, Integer.MAX_VALUE);
  }

  /** As {@link #findBands(Mat, byte[], int, int, boolean)}, cutting vertical runs over {@code maxVertical} px too. */
  static List<CharBand> findBands(Mat small, byte[] grayPixels, int from, int to, boolean cutFrames, int maxVertical) {
    return findBands(small, grayPixels, from, to, cutFrames, maxVertical, new Binaries());
  }

  /** As {@link #findBands(Mat, byte[], int, int, boolean, int)}, thresholding each image once per photo ({@link Binaries}). */
  static List<CharBand> findBands(Mat small, byte[] grayPixels, int from, int to, boolean cutFrames, int maxVertical,
      Binaries binaries) {
    int w = small.cols(), h = small.rows();
    List<CharBand> all = new ArrayList<>();
    // Cutting frames: dark characters on a light plate only, the polarity whose frames touch them.
    for (int pass = from * 2; pass < to * 2; pass += cutFrames ? 2 : 1) {
      boolean dark = pass % 2 == 0;
      int[] params = THRESHOLD_PASSES[pass / 2];
      byte[] bin = binaries.of(small, params[0], params[1], dark);
      if (cutFrames) {
        bin = bin.clone();
        FrameLineCutter.cut(bin, w, h, FRAME_RUN, maxVertical);
      }
      all.addAll(bands(bin, w, h, grayPixels, MIN_GLYPH_HEIGHT, dark));
    }
    all.sort(Comparator.comparingDouble(CharBand::score).reversed());
    return all;
  }

  /** Clears the binary image's long straight runs in place ({@link FrameLineCutter}). */
  static void cutFrameLines(Mat bin, int maxHorizontal, int maxVertical) {
    int w = bin.cols(), h = bin.rows();
    byte[] b = pixels(bin);
    FrameLineCutter.cut(b, w, h, maxHorizontal, maxVertical);
    ByteBuffer bb = bin.createBuffer();
    for (int y = 0; y < h; y++) {
      bb.position(y * (int) bin.step()).put(b, y * w, w);
    }
  }

  /** The character rows among a binary image's connected components ({@link CharBandFinder}). */
  static List<CharBand> bands(Mat bin, byte[] grayPixels, int minGlyphHeight, boolean darkText) {
    return bands(pixels(bin), bin.cols(), bin.rows(), grayPixels, minGlyphHeight, darkText);
  }

  /** As {@link #bands(Mat, byte[], int, boolean)} on a row-major binary image ({@link Components}: as OpenCV labels it). */
  static List<CharBand> bands(byte[] bin, int w, int h, byte[] grayPixels, int minGlyphHeight, boolean darkText) {
    return new CharBandFinder(minGlyphHeight).find(Components.of(bin, w, h), w, h, grayPixels, darkText);
  }

  /** The plate's estimated corners: the character band widened to the plate's margins. */
  static List<Point> corners(CharBand band, double scale) {
    double hh = band.meanHeight();
    double x0 = band.left() - 0.45 * hh, x1 = band.right() + 0.45 * hh;
    double up = 0.5 * hh * 1.3, down = 0.5 * hh * 1.3;
    double y0 = band.centreY(x0), y1 = band.centreY(x1);
    return List.of(pt(x0, y0 - up, scale), pt(x1, y1 - up, scale), pt(x1, y1 + down, scale), pt(x0, y0 + down, scale));
  }

  private static Point pt(double x, double y, double scale) {
    return new Point((int) Math.round(Math.max(0, x) / scale), (int) Math.round(Math.max(0, y) / scale));
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
  }
}
