package io.corridor.anpr.plate;

/**
 * A plate text fitted to a format.
 *
 * @param text the normalised text after swapping confusable characters
 * @param format the format it fits
 * @param substitutions how many characters were swapped (0: the reading fitted as it was)
 */
public record FormatMatch(String text, PlateFormat format, int substitutions) {

  /** The format's country, or null for the generic EU format. */
  public String country() {
    return format.country();
  }
}
