package io.corridor.anpr.image;

import io.corridor.anpr.InvalidImageException;
import java.util.Locale;

/**
 * Checks that bytes are a JPEG or PNG and reads the image size from the header alone, without
 * decoding pixels. Runs before any engine sees the image, so that a corrupt or huge frame is
 * rejected cheaply with a message that names the problem, instead of crashing or stalling native
 * code (a 20000x20000 frame would make OpenALPR allocate gigabytes).
 *
 * <p>Thread-safe and allocation-free apart from the result.
 */
public final class ImageProbe {

  /** Default limit: 16 megapixels, above any roadside camera or drone still we expect. */
  public static final long DEFAULT_MAX_PIXELS = 16_000_000L;

  private final long maxPixels;

  /** A probe with the {@link #DEFAULT_MAX_PIXELS} limit. */
  public ImageProbe() {
    this(DEFAULT_MAX_PIXELS);
  }

  /** A probe rejecting images with more than {@code maxPixels} pixels. */
  public ImageProbe(long maxPixels) {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be at least 1, got " + maxPixels);
    }
    this.maxPixels = maxPixels;
  }

  /**
   * Reads format and size.
   *
   * @throws InvalidImageException not a JPEG or PNG, a truncated or corrupt header, a zero size,
   *     or more pixels than the limit
   */
  public ImageInfo probe(byte[] image) {
    if (image == null || image.length == 0) {
      throw new InvalidImageException("empty image: not a JPEG or PNG");
    }
    ImageInfo info;
    if (PngHeader.hasSignature(image)) {
      info = PngHeader.read(image);
    } else if (JpegHeader.hasSignature(image)) {
      info = JpegHeader.read(image);
    } else {
      throw new InvalidImageException("not a JPEG or PNG" + OtherFormats.describe(image));
    }
    if (info.width() < 1 || info.height() < 1) {
      throw new InvalidImageException(info.format() + " declares an empty image " + info.width() + "x" + info.height());
    }
    if (info.pixels() > maxPixels) {
      throw new InvalidImageException(
          "image " + info.width() + "x" + info.height() + " exceeds " + megapixels(maxPixels) + " megapixels");
    }
    return info;
  }

  /** The limit this probe enforces, in pixels. */
  public long maxPixels() {
    return maxPixels;
  }

  private static String megapixels(long pixels) {
    return pixels % 1_000_000 == 0
        ? Long.toString(pixels / 1_000_000)
        : String.format(Locale.ROOT, "%.2f", pixels / 1_000_000.0);
  }
}
