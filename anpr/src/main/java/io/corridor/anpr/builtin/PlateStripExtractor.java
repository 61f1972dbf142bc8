package io.corridor.anpr.builtin;

import io.corridor.anpr.Box;
import io.corridor.anpr.image.ImageProbe;
import io.corridor.anpr.strip.StripInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Cuts labelled real plates into labelled strips for the strip reader's training, with the
 * engine's own row finder ({@link CharBandFinder}), so that the network learns the strips it will
 * be shown. Unlike {@link PlateGlyphExtractor} no alignment of characters is needed: a row inside
 * the labelled box that spans at least {@value #MIN_SPAN} of its width is taken as the plate's
 * text. Each of the best {@value #ROWS_USED} such rows gives its strip as found and
 * {@value #JITTERED} with its box moved by up to a fifth of a character height (the finder's boxes
 * vary by about that much), drawn from a generator seeded by the plate text, so that the
 * extraction is reproducible.
 */
public final class PlateStripExtractor {

  static final double MIN_SPAN = 0.5;
  private static final int ROWS_USED = 2;
  private static final int JITTERED = 2;

  private final ImageProbe probe = new ImageProbe();

  /** Loads OpenCV's natives. */
  public PlateStripExtractor() {
    BuiltinRecognizer.loadNatives();
  }

  /**
   * @param image the encoded image
   * @param region the labelled plate's box in image pixels, or null when the image is the plate
   * @param label the plate text
   * @return the strips ({@link StripInput}), empty when no row fits the box
   */
  public List<float[]> extract(byte[] image, Box region, String label) {
    List<float[]> out = new ArrayList<>();
    Random random = new Random(label.hashCode());
    try (PointerScope scope = new PointerScope()) {
      Mat gray = BuiltinRecognizer.decode(image, probe.probe(image));
      double scale = region == null ? Math.min(1.0, PlateGlyphExtractor.CROP_WIDTH / gray.cols()) : BuiltinRecognizer.scaleOf(gray);
      Mat small = region == null ? PlateGlyphExtractor.asInFrame(gray, scale) : BuiltinRecognizer.scaled(gray, scale);
      byte[] pixels = BuiltinRecognizer.pixels(small);
      int w = small.cols(), h = small.rows();
      // The plate's own box: the whole crop inside its surround, or the label's box.
      double boxWidth = region == null ? w / 1.5 : region.width() * scale;
      int used = 0;
      for (CharBand band : BuiltinRecognizer.findBands(small, pixels)) {
        if (used == ROWS_USED) {
          break;
        }
        boolean inside = region == null ? centred(band, w, h) : PlateGlyphExtractor.inside(band, region, scale);
        if (!inside || band.right() - band.left() < MIN_SPAN * boxWidth) {
          continue;
        }
        used++;
        StripInput.Row row = BandStrip.row(band);
        out.add(StripInput.of(pixels, w, h, row, band.darkText()));
        for (int j = 0; j < JITTERED; j++) {
          double hh = row.charHeight(), a = 0.2 * hh;
          StripInput.Row moved = new StripInput.Row(row.x0() + (random.nextDouble() * 2 - 1) * a, row.x1() + (random.nextDouble() * 2 - 1) * a,
              row.y0() + (random.nextDouble() * 2 - 1) * 0.4 * a, row.slope(), hh * (0.92 + 0.16 * random.nextDouble()));
          out.add(StripInput.of(pixels, w, h, moved, band.darkText()));
        }
      }
    }
    return out;
  }

  /** For a crop set in its surround ({@link PlateGlyphExtractor#asInFrame}): the row's centre lies on the plate. */
  private static boolean centred(CharBand band, int w, int h) {
    double cx = (band.left() + band.right()) / 2.0, cy = band.centreY(cx);
    return cx > w / 6.0 && cx < w * 5 / 6.0 && cy > h / 3.0 && cy < h * 2 / 3.0;
  }
}
