package io.corridor.anpr.image;

/**
 * What {@link ImageProbe} read from an image's header.
 *
 * @param format the encoding
 * @param width width in pixels, at least 1
 * @param height height in pixels, at least 1
 */
public record ImageInfo(ImageFormat format, int width, int height) {

  /** Width times height. */
  public long pixels() {
    return (long) width * height;
  }
}
