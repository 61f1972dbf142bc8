package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;
import io.corridor.anpr.bench.AnprBench;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.image.ImageProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Which threshold passes the engine does not have would give a row over the labelled plate of the
 * named photos: per pass (scale, block size, offset, frame runs cut, CLAHE), the most pieces of a row
 * over the plate, its rank and the pass's row count. No network is run. By hand only
 * (docs/benchmarks.md, "US photos with no usable row").
 *
 * <pre>java -cp anpr/target/test-classes:anpr/target/classes:CP io.corridor.anpr.builtin.PassProbe DIR FILE...</pre>
 */
public final class PassProbe {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Set<String> files = Set.copyOf(List.of(args).subList(1, args.length));
    BuiltinRecognizer.loadNatives();
    opencv_core.setNumThreads(1);
    // {scale x10, block, offset, longest horizontal run kept, longest vertical run kept, CLAHE}
    int[][] vs = {{10, 31, 12, 36, 30, 0}, {10, 31, 20, 36, 30, 0}, {10, 31, 20, 36, 1 << 20, 0}, {10, 15, 10, 36, 1 << 20, 0},
        {10, 31, 12, 30, 20, 0}, {10, 31, 20, 30, 20, 0}, {13, 31, 12, 46, 38, 0}, {13, 41, 12, 46, 38, 0}, {20, 61, 12, 72, 60, 0},
        {10, 31, 20, 36, 30, 1}, {10, 21, 16, 36, 30, 0}, {10, 31, 28, 36, 30, 0}};
    for (BenchLabel label : AnprBench.readLabels(dir, Integer.MAX_VALUE)) {
      if (!files.contains(label.file())) continue;
      byte[] bytes = Files.readAllBytes(dir.resolve(label.file()));
      StringBuilder line = new StringBuilder(String.format("%-42s %-8s", label.file(), label.plate()));
      try (PointerScope scope = new PointerScope()) {
        Mat gray = BuiltinRecognizer.decode(bytes, new ImageProbe().probe(bytes));
        double base = BuiltinRecognizer.scaleOf(gray);
        Mat small0 = BuiltinRecognizer.scaled(gray, base);
        for (int[] v : vs) {
          double scale = base * v[0] / 10.0;
          Mat small = small0;
          if (v[0] != 10) {
            small = new Mat();
            org.bytedeco.opencv.global.opencv_imgproc.resize(gray, small, new org.bytedeco.opencv.opencv_core.Size(
                (int) Math.round(gray.cols() * scale), (int) Math.round(gray.rows() * scale)), 0, 0,
                scale < 1 ? org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA : org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR);
          }
          Mat img = v[5] == 1 ? LocalContrast.normalised(small) : small;
          byte[] px = BuiltinRecognizer.pixels(img);
          int w = small.cols(), h = small.rows();
          Box lb = label.boxIn(gray.cols(), gray.rows());
          Box box = new Box((int) (lb.x() * scale), (int) (lb.y() * scale), Math.max(1, (int) (lb.width() * scale)), Math.max(1, (int) (lb.height() * scale)));
          byte[] bin = new Binaries().of(img, v[1], v[2], true).clone();
          FrameLineCutter.cut(bin, w, h, v[3], v[4]);
          List<CharBand> bands = BuiltinRecognizer.bands(bin, w, h, px, 7, true);
          int best = 0, rank = -1, total = bands.size();
          for (int i = 0; i < bands.size(); i++) {
            CharBand b = bands.get(i);
            int top = b.glyphs().stream().mapToInt(CharBand.Glyph::y).min().orElse(0);
            int bottom = b.glyphs().stream().mapToInt(g -> g.y() + g.h()).max().orElse(0);
            Box rb = new Box(b.left(), top, Math.max(1, b.right() - b.left()), Math.max(1, bottom - top));
            if (rb.overlapOfSmaller(box) > 0.6 && b.glyphs().size() > best) {
              best = b.glyphs().size();
              rank = i;
            }
          }
          line.append(String.format(" %d@%d/%d", best, rank, total));
        }
      }
      System.out.println(line);
    }
  }
}
