package io.corridor.anpr.builtin;

import static org.bytedeco.opencv.global.opencv_imgproc.ADAPTIVE_THRESH_MEAN_C;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.adaptiveThreshold;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One photo's adaptive-threshold images, each made once. The engine's passes ask for the same
 * threshold more than once (the frame-cutting pass and the last resort cut the images the first
 * passes read), and the light-text image of a threshold is the dark-text one inverted: OpenCV's
 * {@code THRESH_BINARY} marks {@code pixel - mean > -offset}, {@code THRESH_BINARY_INV} the
 * opposite, {@code pixel - mean <= -offset}, for the same mean (an integer offset rounds the same
 * for both). So each block size costs one mean filter, not one per polarity and per pass.
 * Not thread-safe: one per image.
 */
final class Binaries {

  private final Map<Mat, Map<Long, byte[]>> byImage = new IdentityHashMap<>();

  /**
   * The binary image ({@code 255} ink, {@code 0} background, row-major) of OpenCV's {@code
   * adaptiveThreshold(gray, bin, 255, ADAPTIVE_THRESH_MEAN_C, darkText ? THRESH_BINARY_INV :
   * THRESH_BINARY, blockSize, offset)}; shared: copy it before changing it.
   */
  byte[] of(Mat gray, int blockSize, int offset, boolean darkText) {
    Map<Long, byte[]> mine = byImage.computeIfAbsent(gray, g -> new HashMap<>());
    long key = ((long) blockSize << 33) | ((long) (offset & 0xFFFF_FFFFL) << 1) | (darkText ? 1 : 0);
    byte[] bin = mine.get(key);
    if (bin == null) {
      bin = darkText ? dark(gray, blockSize, offset) : inverted(of(gray, blockSize, offset, true));
      mine.put(key, bin);
    }
    return bin;
  }

  private static byte[] dark(Mat gray, int blockSize, int offset) {
    try (Mat bin = new Mat()) {
      adaptiveThreshold(gray, bin, 255, ADAPTIVE_THRESH_MEAN_C, THRESH_BINARY_INV, blockSize, offset);
      return BuiltinRecognizer.pixels(bin);
    }
  }

  private static byte[] inverted(byte[] bin) {
    byte[] out = new byte[bin.length];
    for (int i = 0; i < bin.length; i++) out[i] = (byte) ~bin[i];
    return out;
  }
}
