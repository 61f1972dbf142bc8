package io.corridor.anpr.builtin;

import static org.bytedeco.opencv.global.opencv_imgproc.createCLAHE;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.CLAHE;

/**
 * Contrast-limited histogram equalisation per tile of the image (CLAHE): a plate in shade, under
 * glare or behind a dirty cover spans only a few grey levels, and the adaptive threshold's fixed
 * offset ({@code BuiltinRecognizer}'s 12 grey levels) then merges its characters with their
 * background or with each other. Stretched per tile, the plate's few levels span many, while the
 * clip limit keeps flat areas (sky, paint) from being blown up into noise. Only the image the
 * threshold sees is normalised; the characters are still cut from the original grey pixels, which
 * the character network was trained on.
 */
final class LocalContrast {

  /** Clip limit: how far a tile's histogram may be stretched (OpenCV's unit: multiples of a flat bin). */
  static final double CLIP_LIMIT = 3.0;
  /** Tiles across and down: at 1024 px, 128 px tiles, a few plates wide. */
  static final int TILES = 8;

  private LocalContrast() {}

  /** A new image: {@code gray} (8-bit, one channel) equalised per tile. */
  static Mat normalised(Mat gray) {
    Mat out = new Mat();
    try (CLAHE clahe = createCLAHE(CLIP_LIMIT, new Size(TILES, TILES))) {
      clahe.apply(gray, out);
    }
    return out;
  }
}
