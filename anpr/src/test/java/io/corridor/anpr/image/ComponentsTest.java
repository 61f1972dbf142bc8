package io.corridor.anpr.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;

import java.nio.IntBuffer;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class ComponentsTest {

  /** OpenCV's labels and statistics of the same image, on one thread as the engine runs it. */
  private static Components opencv(byte[] bin, int w, int h) {
    opencv_core.setNumThreads(1);
    try (Mat img = new Mat(h, w, CV_8UC1); Mat labels = new Mat(); Mat stats = new Mat(); Mat centroids = new Mat()) {
      img.data().put(bin);
      int n = connectedComponentsWithStats(img, labels, stats, centroids, 8, CV_32S);
      int[] lab = new int[w * h];
      ((IntBuffer) labels.createBuffer()).get(lab);
      int[] st = new int[n * Components.STATS];
      IntBuffer sb = stats.createBuffer();
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < Components.STATS; k++) st[i * Components.STATS + k] = sb.get(i * stats.cols() + k);
      }
      return new Components(n, lab, st, w);
    }
  }

  private static void assertSame(byte[] bin, int w, int h) {
    Components ours = Components.of(bin, w, h);
    Components theirs = opencv(bin, w, h);
    assertThat(ours.count).as("labels of a %dx%d image", w, h).isEqualTo(theirs.count);
    assertThat(ours.stats).as("statistics").isEqualTo(theirs.stats);
    assertThat(ours.labels()).as("label per pixel").isEqualTo(theirs.labels());
    Random random = new Random(w * 31L + h);
    for (int i = 0; i < 20 && ours.count > 1; i++) {
      int label = 1 + random.nextInt(ours.count - 1);
      int x = random.nextInt(w), y = random.nextInt(h);
      int bw = 1 + random.nextInt(w - x), bh = 1 + random.nextInt(h - y);
      assertThat(ours.mask(label, x, y, bw, bh)).as("mask of label %d", label).isEqualTo(theirs.mask(label, x, y, bw, bh));
    }
  }

  /** Blobs of random size and place, sparse to dense, as thresholding leaves them; odd and even sizes. */
  @Test
  void labelsAndMeasuresAsOpenCvDoes() {
    Random random = new Random(12);
    int[][] sizes = {{64, 48}, {65, 49}, {1, 1}, {1, 37}, {37, 1}, {203, 117}, {400, 301}};
    for (int[] size : sizes) {
      int w = size[0], h = size[1];
      for (double ink : new double[] {0.0, 0.05, 0.3, 0.5, 0.7, 1.0}) {
        byte[] bin = new byte[w * h];
        for (int i = 0; i < bin.length; i++) bin[i] = random.nextDouble() < ink ? (byte) 255 : 0;
        assertSame(bin, w, h);
        byte[] blobs = new byte[w * h];
        for (int b = 0; b < w * h * ink / 20; b++) {
          int bw = 1 + random.nextInt(9), bh = 1 + random.nextInt(9), x = random.nextInt(w), y = random.nextInt(h);
          for (int yy = y; yy < Math.min(h, y + bh); yy++) {
            for (int xx = x; xx < Math.min(w, x + bw); xx++) blobs[yy * w + xx] = 1;
          }
        }
        assertSame(blobs, w, h);
      }
    }
  }

  /** A component whose first pixel comes later in raster order but whose first 2x2 block comes first. */
  @Test
  void numbersByFirstBlockNotFirstPixel() {
    int w = 8, h = 4;
    byte[] bin = new byte[w * h];
    bin[5] = 1; // row 0, column 5: block (0, 2)
    bin[w + 1] = 1; // row 1, column 1: block (0, 0)
    Components c = Components.of(bin, w, h);
    assertThat(c.labels()[w + 1]).isEqualTo(1);
    assertThat(c.labels()[5]).isEqualTo(2);
    assertSame(bin, w, h);
  }
}
