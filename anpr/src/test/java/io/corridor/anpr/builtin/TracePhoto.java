package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;
import io.corridor.anpr.bench.BenchLabel;
import io.corridor.anpr.image.ImageInfo;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A labelled photo as the engine's first passes see it, for the diagnostic traces: scaled as the
 * engine scales it, its pixels, and the labelled plate's box in the scaled image. Make it inside a
 * {@code PointerScope}: the mats are native.
 */
record TracePhoto(Mat small, byte[] px, int w, int h, Box plate) {

  static TracePhoto of(byte[] bytes, ImageInfo info, BenchLabel label) {
    Mat gray = BuiltinRecognizer.decode(bytes, info);
    double scale = BuiltinRecognizer.scaleOf(gray);
    Mat small = BuiltinRecognizer.scaled(gray, scale);
    Box box = label.boxIn(info.width(), info.height());
    Box plate = new Box((int) (box.x() * scale), (int) (box.y() * scale), (int) Math.max(1, box.width() * scale),
        (int) Math.max(1, box.height() * scale));
    return new TracePhoto(small, BuiltinRecognizer.pixels(small), small.cols(), small.rows(), plate);
  }

  /** The rows of the engine's first pass at both polarities, as the traces read them. */
  List<CharBand> firstRows() {
    List<CharBand> rows = new ArrayList<>(BuiltinRecognizer.findBands(small, px, 0, 2));
    rows.addAll(BuiltinRecognizer.findBands(small, px, 0, 1, true));
    return rows;
  }
}
