package io.corridor.anpr.bench;

import io.corridor.anpr.Box;

import java.util.Locale;

/**
 * One benchmark label: {@code <image file> TAB x TAB y TAB width TAB height TAB plate text}, the
 * format of the openalpr/benchmarks "endtoend" sets.
 *
 * @param file image file name, relative to the label's folder
 * @param box the plate's bounding box in pixels; null for a cropped plate (the whole image)
 * @param plate the plate text, upper case, separators removed
 */
public record BenchLabel(String file, Box box, String plate) {

  /**
   * Parses one label line (tabs, or any blanks, between the fields; the plate text may hold
   * separators, which are removed).
   *
   * @throws IllegalArgumentException the line has fewer than six fields or a non-numeric box
   */
  public static BenchLabel parse(String line) {
    String[] f = line.strip().split("\\s+");
    if (f.length < 6) {
      throw new IllegalArgumentException("label needs 6 fields (file x y w h plate), got " + f.length + ": '" + line + "'");
    }
    try {
      Box box = new Box(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]));
      StringBuilder plate = new StringBuilder();
      for (int i = 5; i < f.length; i++) {
        plate.append(f[i]);
      }
      return new BenchLabel(f[0], box, normalize(plate.toString()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("label box is not numeric: '" + line + "'", e);
    }
  }

  /**
   * Parses one line of a crops set's {@code labels.csv}: {@code file,state,plate text} (the
   * openalpr/benchmarks "seg_and_ocr" sets), where the image is the plate.
   *
   * @throws IllegalArgumentException the line has fewer than three fields
   */
  public static BenchLabel parseCsv(String line) {
    String[] f = line.strip().split(",");
    if (f.length < 3) {
      throw new IllegalArgumentException("crop label needs 3 fields (file,state,plate), got " + f.length + ": '" + line + "'");
    }
    return new BenchLabel(f[0].strip(), null, normalize(f[2]));
  }

  /** The labelled box, or the whole image for a cropped plate. */
  public Box boxIn(int imageWidth, int imageHeight) {
    return box != null ? box : new Box(0, 0, imageWidth, imageHeight);
  }

  /** Upper case with everything but A-Z and 0-9 removed. */
  public static String normalize(String text) {
    return text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }
}
