package io.corridor.rules.engine.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Plate text in imports, normalised exactly as ingest normalises reads ({@code PlateText} in
 * {@code ingest}, which this module does not depend on), so an imported plate hashes to the same
 * blind index as a read of it.
 */
public final class Plates {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-·.]");
  private static final Pattern ALLOWED = Pattern.compile("[A-Z0-9ČĆĐŠŽ]{2,12}");

  private Plates() {}

  /**
   * The normalised plate.
   *
   * @throws IllegalArgumentException when it is not 2–12 of A-Z, 0-9, Č Ć Đ Š Ž
   */
  public static String normalize(String raw) {
    String p = SEPARATORS.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
    if (!ALLOWED.matcher(p).matches()) {
      throw new IllegalArgumentException("must be 2-12 letters A-Z, digits or Č Ć Đ Š Ž");
    }
    return p;
  }
}
