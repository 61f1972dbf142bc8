package io.corridor.anpr.builtin;

import static org.bytedeco.opencv.global.opencv_imgproc.ADAPTIVE_THRESH_MEAN_C;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.adaptiveThreshold;

import io.corridor.anpr.Box;
import io.corridor.anpr.bench.AnprBench;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.image.ImageProbe;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Diagnoses, per labelled photo, where the engine's localisation stands on the plate: which
 * threshold passes give a row over the labelled box, how many pieces it has, where it ranks, and
 * the plate's size, contrast and polarity. Not a test: run by hand (docs/benchmarks.md, "US plates
 * not found: miss diagnosis"), its TSV joined with the bench's CSV.
 *
 * <pre>java -cp anpr/target/test-classes:anpr/target/classes:CP io.corridor.anpr.builtin.MissDiagnosis DIR OUT.tsv</pre>
 */
public final class MissDiagnosis {

  private MissDiagnosis() {}

  /** One way of finding rows: a name, the image prepared, threshold block/offset, polarity, frames cut. */
  record Variant(String name, UnaryOperator<Mat> prepare, int block, int offset, boolean dark, int hmax, int vmax) {
    Variant(String name, UnaryOperator<Mat> prepare, int block, int offset, boolean dark, boolean cut) {
      this(name, prepare, block, offset, dark, cut ? BuiltinRecognizer.FRAME_RUN : 0, Integer.MAX_VALUE);
    }

    boolean cut() {
      return hmax > 0;
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    BuiltinRecognizer.loadNatives();
    opencv_core.setNumThreads(1);
    if (args.length > 2) {
      dump(dir, Path.of(args[1]), List.of(args).subList(2, args.length));
      return;
    }
    List<Variant> variants = List.of(
        new Variant("t31d", m -> m, 31, 12, true, false), new Variant("t31l", m -> m, 31, 12, false, false),
        new Variant("t15d", m -> m, 15, 5, true, false), new Variant("t15l", m -> m, 15, 5, false, false),
        new Variant("cut", m -> m, 31, 12, true, true),
        new Variant("cutv24", m -> m, 31, 12, true, 36, 24), new Variant("cutv30", m -> m, 31, 12, true, 36, 30),
        new Variant("cut15", m -> m, 15, 5, true, true), new Variant("cutl", m -> m, 31, 12, false, true),
        new Variant("t31o5d", m -> m, 31, 5, true, false), new Variant("t31o5l", m -> m, 31, 5, false, false),
        new Variant("t61d", m -> m, 61, 12, true, false), new Variant("t61l", m -> m, 61, 12, false, false),
        new Variant("claheD", MissDiagnosis::clahe, 31, 12, true, false), new Variant("claheL", MissDiagnosis::clahe, 31, 12, false, false),
        new Variant("claheCut", MissDiagnosis::clahe, 31, 12, true, true));
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
      StringBuilder head = new StringBuilder("file\tlabel\tlen\tboxH\tboxW\tinMean\tinStd\tringMean\tinkDark");
      for (Variant v : variants) {
        head.append('\t').append(v.name()).append("_n\t").append(v.name()).append("_rank\t").append(v.name()).append("_h\t")
            .append(v.name()).append("_slope");
      }
      out.println(head);
      for (BenchLabel label : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
        byte[] bytes = Files.readAllBytes(dir.resolve(label.file()));
        try (PointerScope scope = new PointerScope()) {
          Mat gray = BuiltinRecognizer.decode(bytes, new ImageProbe().probe(bytes));
          double scale = BuiltinRecognizer.scaleOf(gray);
          Mat small = BuiltinRecognizer.scaled(gray, scale);
          byte[] px = BuiltinRecognizer.pixels(small);
          int w = small.cols(), h = small.rows();
          Box lb = label.boxIn(gray.cols(), gray.rows());
          Box box = new Box((int) (lb.x() * scale), (int) (lb.y() * scale), Math.max(1, (int) (lb.width() * scale)),
              Math.max(1, (int) (lb.height() * scale)));
          double[] in = stats(px, w, h, box, 0), ring = stats(px, w, h, box, Math.max(3, box.height() / 3));
          // Ink polarity: in a plate the characters are the minority; dark ink when the box's median is above its mean.
          StringBuilder row = new StringBuilder(String.format("%s\t%s\t%d\t%d\t%d\t%.0f\t%.1f\t%.0f\t%s", label.file(),
              label.plate(), label.plate().length(), box.height(), box.width(), in[0], in[1], ring[0], in[2] > in[0]));
          for (Variant v : variants) {
            List<CharBand> bands = bands(v.prepare().apply(small), px, v);
            int bestN = 0, bestRank = -1;
            double bestH = 0, bestSlope = 0;
            for (int i = 0; i < bands.size(); i++) {
              CharBand b = bands.get(i);
              Box rb = rowBox(b);
              if (rb.overlapOfSmaller(box) > 0.6 && b.glyphs().size() > bestN) {
                bestN = b.glyphs().size();
                bestRank = i;
                bestH = b.meanHeight();
                bestSlope = Math.toDegrees(Math.atan(b.slope()));
              }
            }
            row.append(String.format("\t%d\t%d\t%.1f\t%.1f", bestN, bestRank, bestH, bestSlope));
          }
          out.println(row);
        }
      }
    }
  }

  /** Writes the labelled plate of each named image, grey and thresholded (31 px, dark ink), 3x, as PNG. */
  private static void dump(Path dir, Path out, List<String> files) throws Exception {
    for (BenchLabel label : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
      if (!files.contains(label.file())) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(dir.resolve(label.file()));
      try (PointerScope scope = new PointerScope()) {
        Mat gray = BuiltinRecognizer.decode(bytes, new ImageProbe().probe(bytes));
        double scale = BuiltinRecognizer.scaleOf(gray);
        Mat small = BuiltinRecognizer.scaled(gray, scale);
        Box lb = label.boxIn(gray.cols(), gray.rows());
        int x = (int) (lb.x() * scale), y = (int) (lb.y() * scale), bw = (int) (lb.width() * scale), bh = (int) (lb.height() * scale);
        int x0 = Math.max(0, x - bw / 4), y0 = Math.max(0, y - bh / 4);
        int x1 = Math.min(small.cols(), x + bw + bw / 4), y1 = Math.min(small.rows(), y + bh + bh / 4);
        Mat bin = new Mat();
        adaptiveThreshold(small, bin, 255, ADAPTIVE_THRESH_MEAN_C, THRESH_BINARY_INV, 31, 12);
        org.bytedeco.opencv.opencv_core.Rect r = new org.bytedeco.opencv.opencv_core.Rect(x0, y0, x1 - x0, y1 - y0);
        Mat both = new Mat();
        org.bytedeco.opencv.opencv_core.MatVector mv = new org.bytedeco.opencv.opencv_core.MatVector(new Mat(small, r), new Mat(bin, r));
        opencv_core.vconcat(mv, both);
        Mat big = new Mat();
        org.bytedeco.opencv.global.opencv_imgproc.resize(both, big, new org.bytedeco.opencv.opencv_core.Size(both.cols() * 3, both.rows() * 3),
            0, 0, org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST);
        org.bytedeco.opencv.global.opencv_imgcodecs.imwrite(out.resolve(label.file() + ".png").toString(), big);
      }
    }
  }

  private static Box rowBox(CharBand band) {
    int top = band.glyphs().stream().mapToInt(CharBand.Glyph::y).min().orElse(0);
    int bottom = band.glyphs().stream().mapToInt(g -> g.y() + g.h()).max().orElse(0);
    return new Box(band.left(), top, Math.max(1, band.right() - band.left()), Math.max(1, bottom - top));
  }

  /** Mean, standard deviation and median of the box (ring = 0) or of a ring of that width around it. */
  private static double[] stats(byte[] px, int w, int h, Box b, int ring) {
    int[] hist = new int[256];
    long n = 0;
    double s = 0, ss = 0;
    for (int y = Math.max(0, b.y() - ring); y < Math.min(h, b.y() + b.height() + ring); y++) {
      for (int x = Math.max(0, b.x() - ring); x < Math.min(w, b.x() + b.width() + ring); x++) {
        boolean inside = x >= b.x() && x < b.x() + b.width() && y >= b.y() && y < b.y() + b.height();
        if (ring > 0 == inside) {
          continue;
        }
        int v = px[y * w + x] & 0xff;
        hist[v]++;
        n++;
        s += v;
        ss += (double) v * v;
      }
    }
    double mean = n == 0 ? 0 : s / n;
    long half = n / 2, acc = 0;
    int median = 0;
    for (int v = 0; v < 256; v++) {
      acc += hist[v];
      if (acc > half) {
        median = v;
        break;
      }
    }
    return new double[] {mean, Math.sqrt(Math.max(0, n == 0 ? 0 : ss / n - mean * mean)), median};
  }

  static Mat clahe(Mat m) {
    Mat out = new Mat();
    org.bytedeco.opencv.global.opencv_imgproc.createCLAHE(3.0, new org.bytedeco.opencv.opencv_core.Size(8, 8)).apply(m, out);
    return out;
  }

  static List<CharBand> bands(Mat img, byte[] grayPixels, Variant v) {
    Mat bin = new Mat();
    adaptiveThreshold(img, bin, 255, ADAPTIVE_THRESH_MEAN_C, v.dark() ? THRESH_BINARY_INV : THRESH_BINARY, v.block(), v.offset());
    if (v.cut()) {
      BuiltinRecognizer.cutFrameLines(bin, v.hmax(), v.vmax());
    }
    return new ArrayList<>(BuiltinRecognizer.bands(bin, grayPixels, 7, v.dark()));
  }
}
