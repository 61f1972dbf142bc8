package io.corridor.anpr.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.anpr.Box;
import io.corridor.anpr.image.ImageProbe;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalContrastTest {

  private static final Box PLATE = LastResortRowsTest.PLATE;

  @BeforeAll
  static void natives() {
    BuiltinRecognizer.loadNatives();
  }

  @Test
  void stretchesAPlatesFewGreyLevelsAndLeavesAFlatImageFlat() throws Exception {
    byte[] png = LastResortRowsTest.faded(60, 14);
    try (PointerScope scope = new PointerScope()) {
      Mat gray = BuiltinRecognizer.decode(png, new ImageProbe().probe(png));
      byte[] before = BuiltinRecognizer.pixels(gray);
      byte[] after = BuiltinRecognizer.pixels(LocalContrast.normalised(gray));
      assertThat(range(after, gray.cols())).isGreaterThanOrEqualTo(2 * range(before, gray.cols()));
      Mat flat = new Mat(240, 320, org.bytedeco.opencv.global.opencv_core.CV_8UC1, new org.bytedeco.opencv.opencv_core.Scalar(90.0));
      byte[] f = BuiltinRecognizer.pixels(LocalContrast.normalised(flat));
      int min = 255, max = 0;
      for (byte b : f) {
        min = Math.min(min, b & 0xff);
        max = Math.max(max, b & 0xff);
      }
      assertThat(max - min).as("no noise made from a flat image").isLessThanOrEqualTo(1);
    }
  }

  /** Grey-level range inside the plate's box. */
  private static int range(byte[] px, int width) {
    int min = 255, max = 0;
    for (int y = PLATE.y(); y < PLATE.y() + PLATE.height(); y++) {
      for (int x = PLATE.x(); x < PLATE.x() + PLATE.width(); x++) {
        min = Math.min(min, px[y * width + x] & 0xff);
        max = Math.max(max, px[y * width + x] & 0xff);
      }
    }
    return max - min;
  }
}
