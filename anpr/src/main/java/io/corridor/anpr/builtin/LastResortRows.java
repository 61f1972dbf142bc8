package io.corridor.anpr.builtin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The rows the engine tries when the usual passes read no plate at all in an image (on the US
 * photos, one in five): the plates missed there are mostly faded or in shade (their few grey levels
 * below the adaptive threshold's offset) or touching a frame on more sides than its top and
 * bottom. Four passes, dark text only, frames cut ({@link FrameLineCutter}): the large
 * neighbourhood on the contrast-normalised image ({@link LocalContrast}) and on the image as it is,
 * both with the frame's vertical runs cut too, the small neighbourhood with horizontal runs cut,
 * and a mid-sized neighbourhood at a stricter offset ({@link #SEPARATING}) for characters blurred
 * into each other or into the frame. docs/benchmarks.md, "US plates not found: miss diagnosis and
 * a last-resort pass" and "US photos with no usable row".
 */
final class LastResortRows {

  /** Rows tried per image. */
  static final int ROWS = 4;
  /**
   * How plate-like ({@link RowVerifier}) a last-resort row must be to be read out: more likely a
   * plate than not. These rows come from where the usual passes found nothing; on the held-out
   * folds those below it were mostly partial rows or other text, one a false read the store
   * filter kept.
   */
  static final double PLATE_LIKE = 0.5;
  /**
   * Longest vertical run of ink the large-neighbourhood passes keep, px of the scaled image: the plate's side
   * frame often touches the first or last character; the characters here are 12-25 px high (larger
   * plates are read by the usual passes), a frame's side about twice that.
   */
  static final int FRAME_RUN_VERTICAL = 30;

  /**
   * The separating pass's threshold, {block size, offset}: a pixel is ink only where it is this much
   * darker than its mid-sized neighbourhood. The usual offsets (12 at 31 px, 5 at 15 px) let the
   * blurred grey between characters, or between a character and the plate's frame, join them into
   * one component; a stricter offset keeps only the strokes' cores, which stand apart.
   */
  static final int[] SEPARATING = {21, 16};

  private LastResortRows() {}

  /** The separating pass's rows ({@link #SEPARATING}), dark text, frames cut as the large passes cut them. */
  static List<CharBand> separated(Mat small, byte[] glyphPixels, Binaries binaries) {
    int w = small.cols(), h = small.rows();
    byte[] bin = binaries.of(small, SEPARATING[0], SEPARATING[1], true).clone();
    FrameLineCutter.cut(bin, w, h, BuiltinRecognizer.FRAME_RUN, FRAME_RUN_VERTICAL);
    return BuiltinRecognizer.bands(bin, w, h, glyphPixels, BuiltinRecognizer.MIN_GLYPH_HEIGHT, true);
  }

  /** As {@link #find(Mat, Mat, byte[], List, Binaries)}, thresholding afresh. */
  static List<CharBand> find(Mat small, Mat normalised, byte[] normalisedPixels, List<CharBand> known) {
    return find(small, normalised, normalisedPixels, known, new Binaries());
  }

  /**
   * The last resort's rows, best first, their glyphs cut from {@code normalisedPixels}; none
   * covering the characters of a row in {@code known} with as many pieces, or of a better one of
   * its own.
   *
   * @param small the scaled grey image
   * @param normalised {@code small} through {@link LocalContrast#normalised}
   * @param normalisedPixels {@code normalised}'s pixels, row-major
   * @param binaries the photo's threshold images so far
   */
  static List<CharBand> find(Mat small, Mat normalised, byte[] normalisedPixels, List<CharBand> known, Binaries binaries) {
    int none = Integer.MAX_VALUE;
    List<CharBand> found = BuiltinRecognizer.findBands(normalised, normalisedPixels, 0, 1, true, FRAME_RUN_VERTICAL, binaries);
    found.addAll(BuiltinRecognizer.findBands(small, normalisedPixels, 1, 2, true, none, binaries));
    found.addAll(BuiltinRecognizer.findBands(small, normalisedPixels, 0, 1, true, FRAME_RUN_VERTICAL, binaries));
    found.addAll(separated(small, normalisedPixels, binaries));
    found.sort(Comparator.comparingDouble(CharBand::score).reversed());
    List<CharBand> kept = new ArrayList<>();
    for (CharBand c : found) {
      // A row at a known row's place is new only with more pieces: the known one may have lost
      // characters glued to the frame or merged at low contrast.
      if (kept.size() < ROWS
          && known.stream().noneMatch(b -> BuiltinRecognizer.sameRow(b, c) && b.glyphs().size() >= c.glyphs().size())
          && kept.stream().noneMatch(b -> BuiltinRecognizer.sameRow(b, c))) {
        kept.add(c);
      }
    }
    return kept;
  }
}
