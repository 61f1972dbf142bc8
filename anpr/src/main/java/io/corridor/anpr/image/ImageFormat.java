package io.corridor.anpr.image;

/** The image encodings the recognizers accept. */
public enum ImageFormat {
  /** JPEG (JFIF or Exif), baseline or progressive. */
  JPEG("image/jpeg"),
  /** PNG. */
  PNG("image/png");

  private final String contentType;

  ImageFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The MIME type, as in {@code Frame.contentType}. */
  public String contentType() {
    return contentType;
  }
}
