package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;
import io.corridor.anpr.glyph.GlyphAlphabet;
import io.corridor.anpr.glyph.GlyphClassifier;
import io.corridor.anpr.glyph.GlyphInput;
import io.corridor.anpr.image.ImageProbe;
import java.util.ArrayList;
import java.util.List;
import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Cuts labelled real plates into labelled character images for training, with the engine's own
 * row cutter ({@link CharBandFinder} and {@link BandResegmenter}, the cuts the engine reads at run
 * time), so that the network learns the crops it will be shown.
 *
 * <p>For each row found in the labelled plate region, as found and re-cut, the label is aligned
 * with the row's pieces: a row with exactly as many pieces as the label has characters aligns one
 * to one; a row with one or two pieces more aligns by the window (dropping pieces only at the
 * ends, as {@link BandReader} trims) that the aligning network finds most probable. The aligning
 * network is fixed (the synthetic-only one) so that the extraction, and the training on it, is
 * reproducible. A plate aligns when its best row's mean per-character probability of the label
 * reaches {@value #MIN_MEAN_P} (exact count) or {@value #MIN_MEAN_P_TRIMMED} (trimmed); the
 * trimmed end pieces become samples of the reject class (frame edges, screws, stickers). Rows
 * whose count differs otherwise (glued, split, dropped characters) are not used: the label
 * cannot be placed on them without guessing.
 */
public final class PlateGlyphExtractor {

  /** One labelled character image, as the network sees it ({@link GlyphInput}). */
  public record Sample(float[] input, int label) {}

  /**
   * What one plate gave.
   *
   * @param samples the labelled pieces, empty when the plate did not align
   * @param aligned whether a row aligned with the label
   * @param trimmed pieces dropped at the row's ends to align (0 for an exact count)
   */
  public record Extraction(List<Sample> samples, boolean aligned, int trimmed) {}

  /**
   * Width a cropped plate is scaled down to before its rows are cut: the engine meets plates of
   * about this size in camera frames, and its thresholds are set for them (at the crops' 320 px
   * the 31 px neighbourhood hollows the strokes out).
   */
  static final double CROP_WIDTH = 200;
  static final double MIN_MEAN_P = 0.02;
  static final double MIN_MEAN_P_TRIMMED = 0.2;
  private static final int MAX_TRIM = 2;
  /** Rows whose cuts are used per plate: the two best alignments (often the two cuts of one row). */
  private static final int ROWS_USED = 2;

  private final GlyphClassifier aligner;
  private final ImageProbe probe = new ImageProbe();

  /** @param aligner the network that places a label on a row with extra pieces */
  public PlateGlyphExtractor(GlyphClassifier aligner) {
    BuiltinRecognizer.loadNatives();
    this.aligner = aligner;
  }

  /**
   * @param image the encoded image
   * @param region the labelled plate's box in image pixels, or null when the image is the plate
   * @param label the plate text, A-Z and 0-9 only
   */
  public Extraction extract(byte[] image, Box region, String label) {
    if (label.length() < 2) {
      return new Extraction(List.of(), false, 0);
    }
    record Cut(CharBand band, int from, double meanP) {}
    List<Cut> cuts = new ArrayList<>();
    try (PointerScope scope = new PointerScope()) {
      Mat gray = BuiltinRecognizer.decode(image, probe.probe(image));
      double scale = region == null ? Math.min(1.0, CROP_WIDTH / gray.cols()) : BuiltinRecognizer.scaleOf(gray);
      Mat small = region == null ? asInFrame(gray, scale) : BuiltinRecognizer.scaled(gray, scale);
      byte[] pixels = BuiltinRecognizer.pixels(small);
      for (CharBand band : BuiltinRecognizer.findBands(small, pixels)) {
        if (region != null && !inside(band, region, scale)) {
          continue;
        }
        for (CharBand cut : cutsOf(band, pixels, small.cols(), small.rows())) {
          int n = cut.glyphs().size();
          if (n < label.length() || n > label.length() + MAX_TRIM) {
            continue;
          }
          double[] logP = labelLogP(cut, label);
          int bestFrom = 0;
          for (int from = 1; from + label.length() <= n; from++) {
            if (logP[from] > logP[bestFrom]) bestFrom = from;
          }
          double meanP = Math.exp(logP[bestFrom] / label.length());
          if (meanP >= (n == label.length() ? MIN_MEAN_P : MIN_MEAN_P_TRIMMED)) {
            cuts.add(new Cut(cut, bestFrom, meanP));
          }
        }
      }
    }
    if (cuts.isEmpty()) {
      return new Extraction(List.of(), false, 0);
    }
    cuts.sort((a, b) -> Double.compare(b.meanP(), a.meanP()));
    List<Sample> samples = new ArrayList<>();
    for (Cut c : cuts.subList(0, Math.min(ROWS_USED, cuts.size()))) {
      List<CharBand.Glyph> glyphs = c.band().glyphs();
      for (int i = 0; i < glyphs.size(); i++) {
        int k = i - c.from();
        int cls = k >= 0 && k < label.length() ? GlyphAlphabet.CHARACTERS.indexOf(label.charAt(k)) : GlyphAlphabet.REJECT;
        samples.add(new Sample(input(glyphs.get(i), c.band().darkText()), cls));
      }
    }
    return new Extraction(samples, true, cuts.getFirst().band().glyphs().size() - label.length());
  }

  /**
   * A cropped plate as the engine meets plates in camera frames: scaled to {@link #CROP_WIDTH} and
   * set in a plain surround as high as the plate above and below (the row finder takes characters
   * up to a quarter of the image's height, away from its edges).
   */
  static Mat asInFrame(Mat gray, double scale) {
    Mat small = gray;
    if (scale < 1.0) {
      small = new Mat();
      resize(gray, small, new Size((int) Math.round(gray.cols() * scale), (int) Math.round(gray.rows() * scale)), 0, 0, INTER_AREA);
    }
    Mat framed = new Mat();
    int h = small.rows(), w = small.cols();
    copyMakeBorder(small, framed, h, h, w / 4, w / 4, BORDER_CONSTANT, new Scalar(mean(small).get(0)));
    return framed;
  }

  private static List<CharBand> cutsOf(CharBand band, byte[] pixels, int w, int h) {
    CharBand recut = BandResegmenter.resegment(band, pixels, w, h);
    return recut == null ? List.of(band) : List.of(band, recut);
  }

  /** Whether the row's centre lies in the labelled box (image pixels; the row is in scaled ones). */
  static boolean inside(CharBand band, Box region, double scale) {
    double cx = (band.left() + band.right()) / 2.0;
    double x = cx / scale, y = band.centreY(cx) / scale;
    double width = (band.right() - band.left()) / scale;
    return x >= region.x() && x <= region.x() + region.width() && y >= region.y() && y <= region.y() + region.height()
        && width >= 0.3 * region.width();
  }

  /** Log-probability of the label on each window of the cut's pieces, O and 0 pooled. */
  private double[] labelLogP(CharBand cut, String label) {
    List<CharBand.Glyph> glyphs = cut.glyphs();
    float[][] p = new float[glyphs.size()][];
    for (int i = 0; i < p.length; i++) {
      CharBand.Glyph g = glyphs.get(i);
      p[i] = aligner.classify(g.gray(), g.w(), g.h(), cut.darkText());
    }
    double[] out = new double[p.length - label.length() + 1];
    for (int from = 0; from < out.length; from++) {
      double sum = 0;
      for (int k = 0; k < label.length(); k++) {
        sum += Math.log(Math.max(1e-9, probability(p[from + k], label.charAt(k))));
      }
      out[from] = sum;
    }
    return out;
  }

  private static double probability(float[] p, char c) {
    if (c == 'O' || c == '0') {
      return p[GlyphAlphabet.CHARACTERS.indexOf('O')] + p[GlyphAlphabet.CHARACTERS.indexOf('0')];
    }
    return p[GlyphAlphabet.CHARACTERS.indexOf(c)];
  }

  private static float[] input(CharBand.Glyph g, boolean darkText) {
    return GlyphInput.of(g.gray(), g.w(), g.h(), darkText);
  }
}
