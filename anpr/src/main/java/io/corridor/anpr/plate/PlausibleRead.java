package io.corridor.anpr.plate;

/**
 * Whether a reading is worth storing: what separates a plate from the text of signs, grilles and
 * stickers that a recognizer also reads. A reading is kept when it fits a country's format (not
 * only a generic or {@link PlateFormats#SHAPE_ONLY shape-only} one) and does not look like the
 * stripes of a grille, or when it is read at {@code minUnformattedConfidence} or more, so a plate
 * of a country without a known format still gets stored when it is read confidently.
 */
public final class PlausibleRead {

  /** Characters a row of vertical bars (a grille, a fence, a barcode) is read as. */
  private static final String BARS = "I1LT";

  private final PlateFormats formats;
  private final double minUnformattedConfidence;

  /** @param minUnformattedConfidence 0..1; 0 keeps every reading */
  public PlausibleRead(PlateFormats formats, double minUnformattedConfidence) {
    if (!(minUnformattedConfidence >= 0 && minUnformattedConfidence <= 1)) {
      throw new IllegalArgumentException("minimum confidence must be within 0..1, got " + minUnformattedConfidence);
    }
    this.formats = formats;
    this.minUnformattedConfidence = minUnformattedConfidence;
  }

  /**
   * @param text normalised reading
   * @param engineMatchedFormat whether the engine itself matched the text to a plate format of a
   *     country (an OpenALPR region template); the generic EU shape does not count
   */
  public boolean keep(String text, double confidence, boolean engineMatchedFormat) {
    if (confidence >= minUnformattedConfidence) {
      return true;
    }
    return (engineMatchedFormat || formats.fitsCountryFormat(text)) && !stripes(text);
  }

  /** Three or more bar-like characters in a row: "IIII8", "T1IT". No plate series prints that. */
  static boolean stripes(String text) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = BARS.indexOf(text.charAt(i)) >= 0 ? run + 1 : 0;
      if (run >= 3) {
        return true;
      }
    }
    return false;
  }

  /** The confidence from which any reading is kept. */
  public double minUnformattedConfidence() {
    return minUnformattedConfidence;
  }
}
